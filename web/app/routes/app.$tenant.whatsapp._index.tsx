import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData, useParams } from '@remix-run/react';
import { listConversations } from '../../../core/services/conversations/list-conversations';
import { NumberCards } from '../components/numbers/NumberCards';
import { requireMember } from '../utils/auth.server';
import { useLiveRevalidation } from '../utils/live';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { membership } = await requireMember(request, context, params.tenant, 'conversation:read');
  const conversations = await listConversations(context.deps.db, membership.tenantId);
  return json({ tenantName: membership.tenantName, conversations });
}

const timeFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export default function WhatsAppInbox() {
  const { tenantName, conversations } = useLoaderData<typeof loader>();
  const { tenant } = useParams();
  useLiveRevalidation(tenant!, (event) => event.type === 'message' || event.type === 'conversation');
  return (
    <section>
      <h1>WhatsApp · {tenantName}</h1>
      <NumberCards tenantSlug={tenant!} />
      <h2>Recent conversations</h2>
      {conversations.length === 0 ? (
        <p className="empty">No conversations yet. When a customer writes to one of your numbers, it appears here.</p>
      ) : (
        <table className="conversations">
          <thead>
            <tr>
              <th scope="col">Customer</th>
              <th scope="col">Number</th>
              <th scope="col">Status</th>
              <th scope="col">Last message</th>
              <th scope="col">Time</th>
            </tr>
          </thead>
          <tbody>
            {conversations.map((c) => (
              <tr key={c.id} data-conversation-id={c.id}>
                <td>
                  <strong>{c.customerName ?? 'Unknown'}</strong>
                  <div className="muted">{c.customerMasked}</div>
                </td>
                <td>{c.numberName}</td>
                <td>
                  <span className={`status status-${c.status}`}>{c.status}</span>
                </td>
                <td className="preview">{c.lastMessagePreview}</td>
                <td>
                  <time dateTime={c.lastMessageAt}>{timeFormat.format(new Date(c.lastMessageAt))} UTC</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
