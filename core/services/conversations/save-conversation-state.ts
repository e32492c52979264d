import type { TimelineNote } from '../../../workflows/timeline';
import type { ConversationStatus } from '../../db/models/conversation';
import { appendEvent } from '../../events/append-event';
import type { DbDeps } from '../deps';
import { updateByIdInTenant } from '../tenant-scope';
import { recordTimelineEvent } from './record-timeline-event';

export interface SaveConversationStateInput {
  tenantId: string;
  conversationId: string;
  status: ConversationStatus;
  aiEnabled: boolean;
  /** What caused the change, by whom: a line in the thread's timeline. */
  note?: TimelineNote;
}

/** Mirrors the workflow's decision (status, AI on/off) into the read model. Idempotent: sets, never toggles. */
export async function saveConversationState({ db }: DbDeps, input: SaveConversationStateInput): Promise<void> {
  const now = new Date();
  await updateByIdInTenant(db.Conversation, input, input.conversationId, {
    $set: {
      status: input.status,
      aiEnabled: input.aiEnabled,
      ...(input.status === 'closed' ? { closedAt: now } : {}),
      ...(input.status === 'archived' ? { archivedAt: now } : {}),
    },
  });
  // Before the live event, so a page that reloads on it already shows the line.
  if (input.note) await recordTimelineEvent({ db }, input, input.note);
  await appendEvent(db, input.tenantId, 'conversation', {
    conversationId: input.conversationId,
    status: input.status,
    aiEnabled: input.aiEnabled,
  });
}
