import { Fragment, type ReactNode } from 'react';

export interface LineFacts {
  customerMasked: string;
  status: string;
  number: { displayName: string; active: boolean } | null;
  aiUnavailableReason: string | null;
}

/**
 * Under the customer's name: their masked number, the line it came in on (saying when that
 * line is inactive or removed) and the status, joined by "·" only between parts that exist;
 * then, when the AI does not answer whatever the toggle says, why.
 */
export function ChatSubtitle({ conversation }: { conversation: LineFacts }) {
  const { number } = conversation;
  const parts: ReactNode[] = [
    conversation.customerMasked || null,
    number ? (
      number.active ? (
        number.displayName
      ) : (
        <span className="line-state line-inactive">{number.displayName} (inactive)</span>
      )
    ) : (
      <span className="line-state line-removed">Number removed</span>
    ),
    <span className={`status status-${conversation.status}`}>{conversation.status}</span>,
  ].filter((part) => part !== null);
  return (
    <>
      <p className="muted">
        {parts.map((part, i) => (
          <Fragment key={i}>
            {i > 0 ? ' · ' : null}
            {part}
          </Fragment>
        ))}
      </p>
      {conversation.aiUnavailableReason ? (
        <p id="ai-unavailable" className="line-notice">
          {conversation.aiUnavailableReason}
        </p>
      ) : null}
    </>
  );
}
