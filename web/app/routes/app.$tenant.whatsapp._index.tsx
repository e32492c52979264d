import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation, useParams, useSearchParams, useSubmit } from '@remix-run/react';
import { listConversations } from '../../../core/services/conversations/list-conversations';
import { listNumbers } from '../../../core/services/numbers/list-numbers';
import { NumberCards } from '../components/numbers/NumberCards';
import { RelativeTime } from '../components/Time';
import { callFor, requireMember } from '../utils/auth.server';
import { conversationFilterOf } from '../utils/conversation-filter.server';
import { listSearchOf } from '../utils/conversation-filter';
import { arrowKeysBetween } from '../utils/keyboard';
import { useLiveRevalidation } from '../utils/live';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.tenant, 'conversation:read');
  const call = callFor(request, context, member);
  const filter = conversationFilterOf(new URL(request.url).searchParams);
  const [list, numbers] = await Promise.all([
    listConversations(context.deps, { ...call, input: filter }),
    listNumbers(context.deps.db, call.scope),
  ]);
  return json({
    tenantName: member.membership.tenantName,
    ...list,
    filtered: Boolean(filter.status || filter.numberId || filter.q),
    numbers: numbers
      .map((n) => ({ id: n.id, name: n.displayName }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  });
}

export default function WhatsAppInbox() {
  const { tenantName, conversations, total, page, pageSize, filtered, numbers } = useLoaderData<typeof loader>();
  const { tenant } = useParams();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const submit = useSubmit();
  useLiveRevalidation(tenant!, (event) => event.type === 'message' || event.type === 'conversation');
  const loading = navigation.state === 'loading' && navigation.location.pathname === `/app/${tenant}/whatsapp`;
  const pageLink = (to: number) => {
    const next = new URLSearchParams(searchParams);
    next.set('page', String(to));
    next.delete('deleted');
    return `?${next.toString()}`;
  };
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  const arrowKeys = arrowKeysBetween('a.open-chat');
  // The chat keeps the list it was opened from beside it.
  const listSearch = listSearchOf(searchParams.toString());

  return (
    <section>
      <h1>WhatsApp · {tenantName}</h1>
      {searchParams.get('deleted') ? (
        <p className="notice" role="status">
          Conversation deleted.
        </p>
      ) : null}
      <NumberCards tenantSlug={tenant!} />
      <h2 id="conversations-title">Recent conversations</h2>
      <Form
        // Remounted when the URL changes (e.g. "Clear filters"): the fields show the filters in force.
        key={searchParams.toString()}
        method="get"
        className="conversation-filters"
        role="search"
        aria-label="Filter conversations"
        onChange={(e) => {
          // Selects apply at once; the search box waits for Enter or the button.
          if ((e.target as HTMLElement).tagName === 'SELECT') submit(e.currentTarget);
        }}
      >
        <label>
          Status
          <select name="status" defaultValue={searchParams.get('status') ?? ''}>
            <option value="">All</option>
            <option value="open">Open</option>
            <option value="closed">Closed</option>
            <option value="archived">Archived</option>
          </select>
        </label>
        <label>
          Number
          <select name="numberId" defaultValue={searchParams.get('numberId') ?? ''}>
            <option value="">All numbers</option>
            {numbers.map((n) => (
              <option key={n.id} value={n.id}>
                {n.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Customer
          <input
            type="search"
            name="q"
            defaultValue={searchParams.get('q') ?? ''}
            placeholder="Name or phone digits"
            maxLength={100}
          />
        </label>
        <button type="submit" className="secondary">
          Search
        </button>
        {filtered ? (
          <Link to="?" className="clear-filters">
            Clear filters
          </Link>
        ) : null}
      </Form>
      {conversations.length === 0 ? (
        <p className="empty">
          {filtered
            ? 'No conversations match these filters.'
            : 'No conversations yet. When a customer writes to one of your numbers, it appears here.'}
        </p>
      ) : (
        <div className="table-scroll" onKeyDown={arrowKeys}>
          <table className="conversations" aria-labelledby="conversations-title" aria-busy={loading}>
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">Unread</span>
                </th>
                <th scope="col">Customer</th>
                <th scope="col">Number</th>
                <th scope="col">Status</th>
                <th scope="col">Last message</th>
                <th scope="col">Sentiment</th>
                <th scope="col">Time</th>
                <th scope="col">
                  <span className="visually-hidden">Open</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {conversations.map((c) => (
                <tr key={c.id} data-conversation-id={c.id} className={c.unread ? 'unread' : undefined}>
                  <td>{c.unread ? <span className="unread-dot" role="img" aria-label="Unread" /> : null}</td>
                  <td>
                    <strong>{c.customerName ?? 'Unknown'}</strong>
                    <div className="muted">{c.customerMasked}</div>
                  </td>
                  <td>{c.numberName}</td>
                  <td>
                    <span className={`status status-${c.status}`}>{c.status}</span>
                  </td>
                  <td className="preview">{trim(c.lastMessagePreview)}</td>
                  <td>
                    {c.sentiment ? (
                      <span className={`sentiment-pill sentiment-${c.sentiment}`}>{c.sentiment}</span>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td className="when">
                    <RelativeTime iso={c.lastMessageAt} />
                  </td>
                  <td>
                    <Link
                      to={`/app/${tenant}/whatsapp/${c.id}${listSearch}`}
                      className="button-link open-chat"
                      aria-label={`View chat with ${c.customerName ?? c.customerMasked}`}
                    >
                      View Chat
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {total > pageSize ? (
        <nav className="pagination" aria-label="Conversation pages">
          {page > 1 ? <Link to={pageLink(page - 1)}>← Newer</Link> : <span />}
          <span className="muted">
            Page {page} of {lastPage} · {total} conversations
          </span>
          {page < lastPage ? <Link to={pageLink(page + 1)}>Older →</Link> : <span />}
        </nav>
      ) : null}
    </section>
  );
}

/** The table shows the start of the last message; the chat shows all of it. */
function trim(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
