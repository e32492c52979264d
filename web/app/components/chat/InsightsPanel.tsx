import { useFetcher } from '@remix-run/react';
import type { ActionResult } from '../../utils/action.server';
import { RelativeTime } from '../Time';

interface Insights {
  sentiment: string;
  score?: number | null;
  summary?: string | null;
  source?: string | null;
  model: string | null;
  generatedAt: string | null;
}

interface ConversationFacts {
  customerName: string | null;
  customerMasked: string;
  status: string;
  aiEnabled: boolean;
  startedAt: string | null;
  lastInboundAt: string | null;
  number: { displayName: string; address: string; provider: string; active: boolean } | null;
  aiUnavailableReason: string | null;
  insights: Insights | null;
}

// As everywhere in the app: "5 min ago", the exact time in the reader's zone on hover.
const at = (iso: string | null) => (iso ? <RelativeTime iso={iso} /> : '—');

/** The sidebar: AI Insights (sentiment, summary, when and by what) and the customer's details. */
export function InsightsPanel({
  conversation,
  canGenerate,
  workflowUrl,
}: {
  conversation: ConversationFacts;
  canGenerate: boolean;
  /** Owners and admins: the conversation's workflow in the Temporal UI (null for others). */
  workflowUrl: string | null;
}) {
  const fetcher = useFetcher<ActionResult>();
  const busy = fetcher.state !== 'idle';
  const insights = conversation.insights;
  return (
    <aside className="chat-sidebar" aria-label="AI Insights and customer details">
      <section className="insights" aria-labelledby="insights-title" aria-busy={busy}>
        <h2 id="insights-title">AI Insights</h2>
        {insights ? (
          <>
            <h3>Sentiment Analysis</h3>
            <p className={`sentiment sentiment-${insights.sentiment}`}>
              {capitalize(insights.sentiment)}
              {typeof insights.score === 'number' ? ` (score ${insights.score.toFixed(2)})` : ''}
            </p>
            <h3>Conversation Summary</h3>
            <p className="summary">{insights.summary || '—'}</p>
            <p className="muted small">
              Generated {at(insights.generatedAt)} by{' '}
              {insights.source === 'offline'
                ? 'the offline analyser'
                : `OpenAI${insights.model ? ` (${insights.model})` : ''}`}
            </p>
          </>
        ) : (
          <p className="muted">No insights yet. Generate them to see the customer’s sentiment and a summary.</p>
        )}
        {canGenerate ? (
          <fetcher.Form method="post">
            <input type="hidden" name="intent" value="insights" />
            <button type="submit" disabled={busy}>
              {busy ? 'Generating insights…' : insights ? 'Regenerate Insights' : 'Generate Insights'}
            </button>
          </fetcher.Form>
        ) : null}
        {!busy && fetcher.data && !fetcher.data.ok ? (
          <p className="action-error" role="alert">
            {fetcher.data.error}
          </p>
        ) : null}
      </section>
      <section aria-labelledby="customer-title">
        <h2 id="customer-title">Customer</h2>
        <dl className="facts">
          <dt>Name</dt>
          <dd>{conversation.customerName ?? 'Unknown'}</dd>
          <dt>Phone</dt>
          <dd>{conversation.customerMasked}</dd>
          <dt>Line</dt>
          <dd>
            {conversation.number
              ? `${conversation.number.displayName} (${conversation.number.provider === 'meta' ? 'Meta' : 'Twilio'}${conversation.number.active ? '' : ', inactive'})`
              : 'Removed'}
          </dd>
          <dt>Status</dt>
          <dd>{capitalize(conversation.status)}</dd>
          <dt>AI</dt>
          <dd>
            {!conversation.aiEnabled
              ? 'Off (people answer)'
              : conversation.aiUnavailableReason
                ? 'Not answering (people answer)'
                : 'Answering'}
          </dd>
          <dt>Started</dt>
          <dd>{at(conversation.startedAt)}</dd>
          <dt>Last wrote</dt>
          <dd>{at(conversation.lastInboundAt)}</dd>
        </dl>
        {workflowUrl ? (
          <p className="small">
            <a href={workflowUrl} target="_blank" rel="noreferrer noopener">
              Open in Temporal UI
            </a>
          </p>
        ) : null}
      </section>
    </aside>
  );
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
