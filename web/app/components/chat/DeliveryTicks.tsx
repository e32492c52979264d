import type { MessageView } from '../../../../core/services/conversations/get-conversation';

/** WhatsApp's ticks, with words for screen readers and a failure's reason spelled out. */
const TICKS: Record<string, { mark: string; label: string }> = {
  pending: { mark: 'clock', label: 'Sending' },
  queued: { mark: 'clock', label: 'Queued at the provider' },
  sent: { mark: '✓', label: 'Sent' },
  delivered: { mark: '✓✓', label: 'Delivered' },
  read: { mark: '✓✓', label: 'Read' },
};

export function DeliveryTicks({ message }: { message: Pick<MessageView, 'status' | 'errorCode' | 'errorMessage'> }) {
  if (message.status === 'failed' || message.status === 'undelivered') {
    const reason = message.errorMessage ?? 'the provider did not deliver it';
    const code = message.errorCode ? ` (code ${message.errorCode})` : '';
    return (
      <span className="ticks ticks-failed" role="img" aria-label={`Not delivered: ${reason}${code}`}>
        ⚠ Not delivered: {reason}
        {code}
      </span>
    );
  }
  const tick = TICKS[message.status] ?? { mark: '', label: message.status };
  // Focusable, so the legend shows to a keyboard as it does to a pointer.
  return (
    <span className="ticks-with-legend" tabIndex={0}>
      <span className={`ticks ticks-${message.status}`} role="img" aria-label={tick.label}>
        <TickMark mark={tick.mark} />
      </span>
      <TickLegend current={message.status} />
    </span>
  );
}

const LEGEND = ['pending', 'sent', 'delivered', 'read'] as const;

/** What each mark means, the message's own marked: shown on hover or focus of its ticks. */
function TickLegend({ current }: { current: string }) {
  const now = current === 'queued' ? 'pending' : current;
  return (
    <span className="tick-legend" aria-hidden="true">
      {LEGEND.map((status) => (
        <span key={status} className={status === now ? 'tick-legend-row current' : 'tick-legend-row'}>
          <span className={`ticks ticks-${status}`}>
            <TickMark mark={TICKS[status].mark} />
          </span>
          {status === 'pending' ? 'Sending' : TICKS[status].label}
          {status === 'read' ? ' (blue)' : ''}
        </span>
      ))}
    </span>
  );
}

function TickMark({ mark }: { mark: string }) {
  return mark === 'clock' ? <ClockIcon /> : <>{mark}</>;
}

/** Drawn, not an emoji: servers and kiosks often have no emoji font. */
function ClockIcon() {
  return (
    <svg
      aria-hidden="true"
      width="11"
      height="11"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
    >
      <circle cx="8" cy="8" r="6.5" />
      <path d="M8 4.5V8l2.5 1.5" strokeLinecap="round" />
    </svg>
  );
}
