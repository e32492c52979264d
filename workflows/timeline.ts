/**
 * The conversation's timeline, spelled once for the workflow (which decides what happened)
 * and the read model (which stores and shows it). Pure values and types: the workflow bundle
 * may import it.
 */
export const TIMELINE_KINDS = [
  'closed',
  'archived',
  'reopened',
  'ai_off',
  'ai_on',
  'handed_off',
  'number_deleted',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** Who did it: a member (`byUserId` names them), the customer writing again, the AI, or the thread's own timer. */
export const TIMELINE_ACTORS = ['member', 'customer', 'ai', 'system'] as const;
export type TimelineActor = (typeof TIMELINE_ACTORS)[number];

/** One line of the timeline as the workflow hands it to an activity. `at` is workflow time (ISO). */
export interface TimelineNote {
  kind: TimelineKind;
  by: TimelineActor;
  byUserId?: string;
  /** Why, in words (the AI's hand-off reason, "no activity for 24 hours"). */
  reason?: string;
  at: string;
}
