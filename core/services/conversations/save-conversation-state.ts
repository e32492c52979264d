import type { ConversationStatus } from '../../db/models/conversation';
import { appendEvent } from '../../events/append-event';
import type { DbDeps } from '../deps';
import { updateByIdInTenant } from '../tenant-scope';

export interface SaveConversationStateInput {
  tenantId: string;
  conversationId: string;
  status: ConversationStatus;
  aiEnabled: boolean;
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
  await appendEvent(db, input.tenantId, 'conversation', {
    conversationId: input.conversationId,
    status: input.status,
    aiEnabled: input.aiEnabled,
  });
}
