import { useFetcher, useParams } from '@remix-run/react';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { MessageView, TimelineView } from '../../../../core/services/conversations/get-conversation';
import { ClockTime, DaySeparator, useDaySeparated } from '../Time';
import { DeliveryTicks } from './DeliveryTicks';
import { ContactCards, QuotedMessage, ReactionChips, ReactionNote, SharedLocationCard } from './MessageContent';
import { interleave, TimelineLine, type ThreadItem } from './TimelineLine';

/** A page of a conversation's messages and timeline lines, as the chat route's loader returns it (also for `?before=`). */
interface MessagePage {
  messages: MessageView[];
  timeline: TimelineView[];
  nextBefore: string | null;
}
const NO_PAGE: MessagePage = { messages: [], timeline: [], nextBefore: null };

// Scroll positions are set before paint in the browser; the server render has none to set.
const useBrowserLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect;

const timeOf = (item: ThreadItem) => (item.type === 'message' ? item.message.sentAt : item.line.at);

const AUTHOR_LABEL: Record<MessageView['author'], string> = { customer: 'Customer', ai: 'AI', human: 'Agent' };

/** The messages, oldest at the top; scrolling to the top loads older ones; new ones scroll into view. */
export function Thread({ messages, timeline, nextBefore }: MessagePage) {
  const { tenant, id } = useParams();
  // Attachments go through the API, which fetches them with the tenant's provider credentials.
  const attachmentUrl = (messageId: string, index: number) =>
    `/api/tenants/${tenant}/conversations/${id}/messages/${encodeURIComponent(messageId)}/media/${index}`;
  const older = useFetcher<MessagePage>();
  const [olderPages, setOlderPages] = useState<MessagePage>(NO_PAGE);
  const scroller = useRef<HTMLOListElement>(null);
  const keepOffset = useRef<number | null>(null);

  // A different conversation starts from its newest page again.
  useEffect(() => setOlderPages(NO_PAGE), [id]);

  useEffect(() => {
    if (older.state !== 'idle' || !older.data) return;
    const page = older.data;
    setOlderPages((prev) => ({
      messages: [...page.messages, ...prev.messages],
      timeline: [...page.timeline, ...prev.timeline],
      nextBefore: page.nextBefore,
    }));
  }, [older.state, older.data]);

  const all = useMemo(() => {
    const seen = new Set(messages.map((m) => m.id));
    // A reaction shown as a chip on its message has no line of its own.
    return [...olderPages.messages.filter((m) => !seen.has(m.id)), ...messages].filter((m) => !m.reaction?.attached);
  }, [olderPages.messages, messages]);
  const items = useMemo(() => {
    const seen = new Set(timeline.map((line) => line.id));
    return interleave(all, [...olderPages.timeline.filter((line) => !seen.has(line.id)), ...timeline]);
  }, [all, olderPages.timeline, timeline]);
  const oldestCursor = olderPages.messages.length ? olderPages.nextBefore : nextBefore;

  const loadOlder = () => {
    if (!oldestCursor || older.state !== 'idle') return;
    keepOffset.current = scroller.current ? scroller.current.scrollHeight - scroller.current.scrollTop : null;
    older.load(`?before=${encodeURIComponent(oldestCursor)}`);
  };

  // Older messages prepended: keep the reader where they were. A new message or line at the bottom: follow it.
  const newest = items.at(-1);
  const newestId = newest ? (newest.type === 'message' ? newest.message.id : newest.line.id) : null;
  useBrowserLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (keepOffset.current !== null) {
      el.scrollTop = el.scrollHeight - keepOffset.current;
      keepOffset.current = null;
    }
  }, [items.length]);
  useBrowserLayoutEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [newestId]);

  const days = useDaySeparated(items, timeOf);

  if (items.length === 0) {
    return <p className="empty chat-thread">No messages yet.</p>;
  }
  return (
    <ol
      className="chat-thread"
      ref={scroller}
      aria-label="Messages"
      aria-busy={older.state !== 'idle'}
      onScroll={(e) => {
        if (e.currentTarget.scrollTop < 40) loadOlder();
      }}
    >
      {oldestCursor ? (
        <li className="load-older">
          <button type="button" className="link" onClick={loadOlder} disabled={older.state !== 'idle'}>
            {older.state !== 'idle' ? 'Loading older messages…' : 'Load older messages'}
          </button>
        </li>
      ) : (
        <li className="thread-start muted">Start of the conversation</li>
      )}
      {days.map((row) => {
        if (row.type === 'day') return <DaySeparator key={row.day} label={row.label} />;
        const item = row.item;
        if (item.type === 'line') return <TimelineLine key={item.line.id} line={item.line} />;
        const m = item.message;
        if (m.reaction) return <ReactionNote key={m.id} message={m} />;
        return (
          <li key={m.id} className={`bubble bubble-${m.author}`} data-message-id={m.id} data-status={m.status}>
            <div className="bubble-author">
              {m.author === 'human' && m.sentByName ? `${m.sentByName} (agent)` : AUTHOR_LABEL[m.author]}
            </div>
            {m.quoted ? <QuotedMessage quoted={m.quoted} /> : null}
            {m.text ? <div className="bubble-text">{m.text}</div> : null}
            {m.location ? <SharedLocationCard location={m.location} /> : null}
            {m.contacts.length ? <ContactCards contacts={m.contacts} /> : null}
            {m.media.length ? (
              <ul className="bubble-media" aria-label="Attachments">
                {m.media.map((media, i) => (
                  <li key={media.url || i}>
                    {media.contentType.startsWith('image/') ? (
                      <a href={attachmentUrl(m.id, i)} target="_blank" rel="noreferrer noopener">
                        <img src={attachmentUrl(m.id, i)} alt={`Image ${i + 1} from the customer`} loading="lazy" />
                      </a>
                    ) : (
                      <a href={attachmentUrl(m.id, i)} target="_blank" rel="noreferrer noopener">
                        Attachment {i + 1} ({media.contentType || 'file'})
                      </a>
                    )}
                  </li>
                ))}
              </ul>
            ) : null}
            <div className="bubble-meta">
              <ClockTime iso={m.sentAt} />
              {m.direction === 'outbound' ? <DeliveryTicks message={m} /> : null}
            </div>
            {m.reactions.length ? <ReactionChips reactions={m.reactions} /> : null}
          </li>
        );
      })}
    </ol>
  );
}
