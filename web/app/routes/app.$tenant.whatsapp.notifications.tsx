import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Link, useFetcher, useLoaderData, useParams } from '@remix-run/react';
import { listNotifications, type NotificationView } from '../../../core/services/notifications/list-notifications';
import { markNotificationsRead } from '../../../core/services/notifications/mark-notifications-read';
import { RelativeTime } from '../components/Time';
import { runIntent, type ActionResult } from '../utils/action.server';
import { callFor, requireMember } from '../utils/auth.server';
import { useLiveRevalidation } from '../utils/live';

const PAGE_SIZE = 20;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.tenant, 'conversation:read');
  const page = Math.min(Math.max(Number(new URL(request.url).searchParams.get('page')) || 1, 1), 10_000);
  return json(
    await listNotifications(context.deps, {
      ...callFor(request, context, member),
      input: { page, limit: PAGE_SIZE },
    }),
  );
}

/** Read state is per person: marking read here leaves the alert unread for colleagues. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.tenant, 'conversation:read');
  const call = callFor(request, context, member);
  const form = await request.formData();
  const intent = String(form.get('intent') ?? '');
  if (intent === 'read')
    return runIntent(intent, async () => {
      await markNotificationsRead(context.deps, { ...call, id: String(form.get('id') ?? '') });
    });
  if (intent === 'read-all')
    return runIntent(intent, async () => {
      const { updated } = await markNotificationsRead(context.deps, call);
      return updated === 1 ? '1 notification marked as read.' : `${updated} notifications marked as read.`;
    });
  throw new Response(`Unknown action "${intent}"`, { status: 400 });
}

const KIND_LABEL: Record<string, string> = {
  escalation: 'Escalation',
  new_message: 'New message',
  delivery_failed: 'Not delivered',
  unrouted_message: 'Unconnected number',
};

export default function Notifications() {
  const { items, unread, total, page, pageSize } = useLoaderData<typeof loader>();
  const { tenant } = useParams();
  const markAll = useFetcher<ActionResult>();
  useLiveRevalidation(tenant!, (event) => event.type === 'notification' || event.type === 'conversation');
  const lastPage = Math.max(1, Math.ceil(total / pageSize));

  return (
    <section className="notifications-page">
      <div className="page-header">
        <h1>Notifications</h1>
        <markAll.Form method="post">
          <input type="hidden" name="intent" value="read-all" />
          <button type="submit" disabled={unread === 0 || markAll.state !== 'idle'}>
            {markAll.state !== 'idle' ? 'Marking…' : 'Mark all as read'}
          </button>
        </markAll.Form>
      </div>
      <p className="muted" role="status">
        {unread === 0 ? 'Nothing unread.' : unread === 1 ? '1 unread notification.' : `${unread} unread notifications.`}
      </p>
      {markAll.state === 'idle' && markAll.data && !markAll.data.ok ? (
        <p className="action-error" role="alert">
          {markAll.data.error}
        </p>
      ) : null}
      {items.length === 0 ? (
        <p className="empty">
          No notifications yet. Escalations (a customer waiting for a person) and new messages in conversations without
          AI appear here.
        </p>
      ) : (
        <ul className="notification-list" aria-label="Notifications">
          {items.map((n) => (
            <NotificationItem key={n.id} notification={n} tenant={tenant!} />
          ))}
        </ul>
      )}
      {total > pageSize ? (
        <nav className="pagination" aria-label="Notification pages">
          {page > 1 ? <Link to={`?page=${page - 1}`}>← Previous</Link> : <span />}
          <span className="muted">
            Page {page} of {lastPage}
          </span>
          {page < lastPage ? <Link to={`?page=${page + 1}`}>Next →</Link> : <span />}
        </nav>
      ) : null}
    </section>
  );
}

function NotificationItem({ notification: n, tenant }: { notification: NotificationView; tenant: string }) {
  const fetcher = useFetcher<ActionResult>();
  const busy = fetcher.state !== 'idle';
  return (
    <li
      className={`notification notification-${n.kind} ${n.read ? 'is-read' : 'is-unread'}`}
      data-notification-id={n.id}
      aria-label={`${n.read ? '' : 'Unread: '}${KIND_LABEL[n.kind] ?? n.kind}: ${n.title}`}
    >
      <div className="notification-main">
        <span className={`kind kind-${n.kind}`}>{KIND_LABEL[n.kind] ?? n.kind}</span>
        <Link
          to={
            n.kind === 'unrouted_message'
              ? `/app/${tenant}/whatsapp/unrouted`
              : `/app/${tenant}/whatsapp/${n.conversationId}`
          }
          className="notification-title"
        >
          {n.title}
        </Link>
        {n.body ? <p className="notification-body">{n.body}</p> : null}
        <p className="muted small">
          {n.createdAt ? <RelativeTime iso={n.createdAt} /> : null}
          {n.count > 1 ? ` · ${n.count} messages` : ''}
        </p>
      </div>
      {n.read ? (
        <span className="muted small">Read</span>
      ) : (
        <fetcher.Form method="post">
          <input type="hidden" name="intent" value="read" />
          <input type="hidden" name="id" value={n.id} />
          <button type="submit" className="secondary" disabled={busy} aria-label={`Mark as read: ${n.title}`}>
            {busy ? 'Marking…' : 'Mark as read'}
          </button>
        </fetcher.Form>
      )}
      {!busy && fetcher.data && !fetcher.data.ok ? (
        <p className="action-error" role="alert">
          {fetcher.data.error}
        </p>
      ) : null}
    </li>
  );
}
