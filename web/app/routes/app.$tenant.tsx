import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, NavLink, Outlet, useLoaderData } from '@remix-run/react';
import { requireMember } from '../utils/auth.server';

/** The app shell: sidebar with the tenant's sections and the tenant switcher. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { membership, memberships } = await requireMember(request, context, params.tenant);
  return json({ membership, memberships });
}

export default function TenantShell() {
  const { membership, memberships } = useLoaderData<typeof loader>();
  const base = `/app/${membership.tenantSlug}`;
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">Helios</div>
        <div className="tenant-switcher">
          <span className="muted">Tenant</span>
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
        <NavLink to={`${base}/whatsapp`}>WhatsApp</NavLink>
        <Form method="post" action="/logout" className="logout">
          <span className="muted">{membership.role}</span>
          <button type="submit" className="link">
            Sign out
          </button>
        </Form>
      </nav>
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
}
