import { Link, useLocation, useNavigation, useParams } from '@remix-run/react';
import { forwardRef } from 'react';
import type { ConversationRow } from '../../../../core/services/conversations/list-conversations';
import { listSearchOf } from '../../utils/conversation-filter';
import { arrowKeysBetween } from '../../utils/keyboard';
import { useLiveRevalidation } from '../../utils/live';
import { RelativeTime } from '../Time';

interface List {
  conversations: ConversationRow[];
  total: number;
}

/**
 * The conversation list beside an open chat: the same list (and filters) as the table it was
 * opened from, latest activity first. Up / Down move between conversations, Enter opens one.
 */
export const ConversationListPane = forwardRef<HTMLElement, { list: List }>(function ConversationListPane(
  { list },
  ref,
) {
  const { tenant, id } = useParams();
  const { search } = useLocation();
  const navigation = useNavigation();
  useLiveRevalidation(tenant!, (event) => event.type === 'message' || event.type === 'conversation');
  const listSearch = listSearchOf(search);
  const listUrl = `/app/${tenant}/whatsapp${listSearch}`;
  const switching =
    navigation.state === 'loading' && navigation.location.pathname.startsWith(`/app/${tenant}/whatsapp/`);
  return (
    <nav ref={ref} className="inbox-list" aria-label="Conversations" aria-busy={switching}>
      <div className="inbox-list-header">
        <h2>Conversations</h2>
        <Link to={listUrl} className="small">
          {listSearch ? 'Filtered list' : 'Full list'}
        </Link>
      </div>
      {list.conversations.length === 0 ? (
        <p className="inbox-list-empty muted">
          {listSearch ? 'No conversations match these filters.' : 'No conversations yet.'}
        </p>
      ) : (
        <ul onKeyDown={arrowKeysBetween('a.inbox-item')}>
          {list.conversations.map((c) => {
            const current = c.id === id;
            // The open conversation was just marked seen by its own loader, which ran beside this one.
            const unread = c.unread && !current;
            return (
              <li key={c.id}>
                <Link
                  to={`/app/${tenant}/whatsapp/${c.id}${listSearch}`}
                  className={`inbox-item${unread ? ' unread' : ''}`}
                  data-conversation-id={c.id}
                  aria-current={current ? 'page' : undefined}
                  aria-label={`${c.customerName ?? c.customerMasked}${unread ? ', unread' : ''}: ${c.lastMessagePreview}`}
                >
                  <span className="inbox-item-top">
                    <strong>{c.customerName ?? 'Unknown'}</strong>
                    <RelativeTime iso={c.lastMessageAt} />
                  </span>
                  <span className="inbox-item-preview">{c.lastMessagePreview}</span>
                  <span className="inbox-item-meta">
                    <span className={`status status-${c.status}`}>{c.status}</span>
                    <span className="muted small">{c.numberName}</span>
                    {unread ? <span className="unread-dot" aria-hidden="true" /> : null}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      {list.total > list.conversations.length ? (
        <Link to={`${listUrl}${listSearch ? '&' : '?'}page=2`} className="inbox-list-more small">
          {list.total - list.conversations.length} more in the full list →
        </Link>
      ) : null}
    </nav>
  );
});
