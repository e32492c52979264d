import type { MessageView, TimelineView } from '../../../../core/services/conversations/get-conversation';
import { ClockTime } from '../Time';

/** What happened, by whom, as a sentence: "Closed by Olivia Owner", "Reopened: the customer wrote again". */
export function describeTimeline(line: TimelineView): string {
  const who = line.byName ?? 'a team member';
  const by = line.by === 'member' ? ` by ${who}` : '';
  switch (line.kind) {
    case 'closed':
      return line.by === 'system' ? `Closed automatically${line.reason ? `: ${line.reason}` : ''}` : `Closed${by}`;
    case 'archived':
      return `Archived${by}`;
    case 'reopened':
      return line.by === 'customer' ? 'Reopened: the customer wrote again' : `Reopened${by}`;
    case 'ai_off':
      return `AI switched off${by}`;
    case 'ai_on':
      return `AI switched on${by}`;
    case 'handed_off':
      return `The AI handed the conversation to a person${line.reason ? `: ${line.reason}` : ''}`;
    case 'number_deleted':
      return `The number was deleted${by}`;
  }
}

/** A small centred line in the thread, between the messages it happened between. */
export function TimelineLine({ line }: { line: TimelineView }) {
  return (
    <li className="timeline-line" data-timeline={line.kind}>
      {describeTimeline(line)} · <ClockTime iso={line.at} />
    </li>
  );
}

export type ThreadItem = { type: 'message'; message: MessageView } | { type: 'line'; line: TimelineView };

/**
 * Messages and timeline lines in time order. On a tie the line goes first: the customer's
 * message that reopened a conversation comes right after "Reopened".
 */
export function interleave(messages: MessageView[], lines: TimelineView[]): ThreadItem[] {
  const items: ThreadItem[] = [];
  let l = 0;
  for (const message of messages) {
    while (l < lines.length && lines[l].at <= message.sentAt) items.push({ type: 'line', line: lines[l++] });
    items.push({ type: 'message', message });
  }
  while (l < lines.length) items.push({ type: 'line', line: lines[l++] });
  return items;
}
