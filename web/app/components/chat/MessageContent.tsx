import type { MessageView } from '../../../../core/services/conversations/get-conversation';
import { mapLinkOf } from '../../../../core/services/conversations/message-content';
import { ClockTime } from '../Time';

/** Scrolls the thread to a message and flashes it (the quote above a reply links to it). */
function scrollToMessage(id: string) {
  const el = document.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(id)}"]`);
  if (!el) return;
  el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  el.classList.add('bubble-flash');
  setTimeout(() => el.classList.remove('bubble-flash'), 1500);
}

/** The message a reply quotes, above the reply: its text (or "Attachment"), a button to it when it is here. */
export function QuotedMessage({ quoted }: { quoted: NonNullable<MessageView['quoted']> }) {
  const words = quoted.text || (quoted.hasMedia ? 'Attachment' : quoted.id ? 'Message' : 'An earlier message');
  if (!quoted.id) return <div className="bubble-quote muted">↩ {words}</div>;
  const id = quoted.id;
  return (
    <button type="button" className="bubble-quote" onClick={() => scrollToMessage(id)} title="Go to the quoted message">
      ↩ {words}
    </button>
  );
}

/** A shared location: its name and address, and a plain link to the map (no map script on the page). */
export function SharedLocationCard({ location }: { location: NonNullable<MessageView['location']> }) {
  return (
    <div className="bubble-location">
      <div>📍 {location.name || 'Shared location'}</div>
      {location.address ? <div className="muted">{location.address}</div> : null}
      <a href={mapLinkOf(location)} target="_blank" rel="noreferrer noopener">
        Open map ({location.latitude}, {location.longitude})
      </a>
    </div>
  );
}

export function ContactCards({ contacts }: { contacts: MessageView['contacts'] }) {
  return (
    <ul className="bubble-contacts" aria-label="Shared contacts">
      {contacts.map((c, i) => (
        <li key={i} className="contact-card">
          <div className="contact-name">👤 {c.name || 'Unnamed contact'}</div>
          {c.phones.map((phone) => (
            <div key={phone}>
              <a href={`tel:${phone.replace(/[^+\d]/g, '')}`}>{phone}</a>
            </div>
          ))}
        </li>
      ))}
    </ul>
  );
}

export function ReactionChips({ reactions }: { reactions: MessageView['reactions'] }) {
  return (
    <ul className="bubble-reactions" aria-label="Reactions">
      {reactions.map((r) => (
        <li key={r.by} className="reaction-chip" title={`${r.by === 'customer' ? 'Customer' : 'Agent'} reacted`}>
          {r.emoji}
        </li>
      ))}
    </ul>
  );
}

/** A reaction whose message is not in this conversation: kept as a small line, never dropped. */
export function ReactionNote({ message }: { message: MessageView }) {
  const emoji = message.reaction?.emoji;
  return (
    <li className="timeline-line reaction-note" data-message-id={message.id}>
      {emoji
        ? `The customer reacted ${emoji} to a message not in this conversation`
        : 'The customer removed a reaction to a message not in this conversation'}{' '}
      · <ClockTime iso={message.sentAt} />
    </li>
  );
}
