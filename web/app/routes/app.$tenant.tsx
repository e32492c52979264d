import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, NavLink, Outlet, useLoaderData, useLocation } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { can } from '../../../core/auth/permissions';
import { countUnreadNotifications } from '../../../core/services/notifications/count-unread-notifications';
import { EscalationAlertsToggle } from '../components/EscalationAlerts';
import { ClockProvider } from '../components/Time';
import { callFor, requireMember } from '../utils/auth.server';
import { useLiveRevalidation } from '../utils/live';
import appStylesHref from '../components/app.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: appStylesHref }];

/** The tab says how many notifications wait, so a person sees it from another tab. */
export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const name = data ? `${data.membership.tenantName} · Helios WhatsApp` : 'Helios WhatsApp';
  return [{ title: data && data.unread > 0 ? `(${data.unread > 99 ? '99+' : data.unread}) ${name}` : name }];
};

/** The app shell: sidebar with the tenant's sections, the notifications bell and the tenant switcher. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.tenant);
  const { membership, memberships } = member;
  const unread = await countUnreadNotifications(context.deps, callFor(request, context, member));
  return json({
    membership,
    memberships,
    unread,
    // The clock the first render reads times against (components/Time.tsx).
    serverNow: Date.now(),
    canManageIntegrations: can(membership.role, 'integration:manage'),
    canManageNumbers: can(membership.role, 'number:manage'),
    canManageCannedResponses: can(membership.role, 'canned-response:manage'),
  });
}

export default function TenantShell() {
  const {
    membership,
    memberships,
    unread,
    serverNow,
    canManageIntegrations,
    canManageNumbers,
    canManageCannedResponses,
  } = useLoaderData<typeof loader>();
  const base = `/app/${membership.tenantSlug}`;
  // The bell's count follows new and updated notifications live.
  useLiveRevalidation(membership.tenantSlug, (event) => event.type === 'notification');
  // On a phone the sections fold into a menu, closed again once a link was followed.
  const [menuOpen, setMenuOpen] = useState(false);
  const { pathname } = useLocation();
  useEffect(() => setMenuOpen(false), [pathname]);
  return (
    <ClockProvider serverNow={serverNow}>
      <div className="shell">
        <nav className="sidebar" aria-label="Main" data-menu-open={menuOpen}>
          <div className="brand-row">
            <div className="brand">Helios</div>
            <NavLink
              to={`${base}/whatsapp/notifications`}
              className="bell"
              aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
              title="Notifications"
            >
              <BellIcon />
              {unread > 0 ? <span className="bell-count">{unread > 99 ? '99+' : unread}</span> : null}
            </NavLink>
            <button
              type="button"
              className="menu-toggle secondary"
              aria-expanded={menuOpen}
              aria-controls="app-menu"
              onClick={() => setMenuOpen((open) => !open)}
            >
              Menu
            </button>
          </div>
          <div className="sidebar-menu" id="app-menu">
            <NavLink to={`${base}/whatsapp`} end={false}>
              WhatsApp
            </NavLink>
            {canManageIntegrations ? <NavLink to={`${base}/integrations`}>Integrations</NavLink> : null}
            <NavLink to={`${base}/agents`}>Agents</NavLink>
            {canManageCannedResponses ? <NavLink to={`${base}/canned-responses`}>Canned responses</NavLink> : null}
            {canManageNumbers ? <NavLink to={`${base}/whatsapp/unrouted`}>Unconnected numbers</NavLink> : null}
            <NavLink to={`${base}/account`}>Account</NavLink>
            <div className="tenant-switcher">
              <span className="muted">{memberships.length > 1 ? 'Switch tenant' : 'Tenant'}</span>
              <ul>
                {memberships.map((m) => (
                  <li key={m.tenantId}>
                    <a
                      href={`/app/${m.tenantSlug}/whatsapp`}
                      aria-current={m.tenantSlug === membership.tenantSlug ? 'page' : undefined}
                    >
                      {m.tenantName}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
            <EscalationAlertsToggle tenant={membership.tenantSlug} />
            <div className="account">
              <p className="muted">Signed in as {membership.role}</p>
              <Form method="post" action="/logout" className="logout">
                <button type="submit" className="link">
                  Sign out
                </button>
                <button type="submit" name="everywhere" value="1" className="link">
                  Sign out everywhere
                </button>
              </Form>
            </div>
          </div>
        </nav>
        <main className="content">
          <Outlet />
        </main>
      </div>
    </ClockProvider>
  );
}

function BellIcon() {
  return (
    <svg
      aria-hidden="true"
      width="20"
      height="20"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
    >
      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" strokeLinecap="round" strokeLinejoin="round" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
