/**
 * The thread workflow's message-passing API, spelled once: the workflow registers
 * these, `api/` and `worker/` import the same values to send them.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type {
  ConversationChange,
  ConversationRequest,
  InboundMessage,
  InsightsResult,
  SendMessageRequest,
  SendMessageResult,
  ThreadSnapshot,
  ThreadTimings,
} from './types';

// Callers import the message-passing API and its types from this one module.
export type * from './types';

export const TASK_QUEUE_DEFAULT = 'whatsapp';

export const DEFAULT_TIMINGS: ThreadTimings = {
  escalationDelaySeconds: 300,
  autoCloseAfterSeconds: 24 * 3600,
  aiDebounceSeconds: 3,
};

export const inboundMessageSignal = defineSignal<[InboundMessage]>('inboundMessage');
export const stateQuery = defineQuery<ThreadSnapshot>('state');

export const sendMessageUpdate = defineUpdate<SendMessageResult, [SendMessageRequest]>('sendMessage');
export const setAiEnabledUpdate = defineUpdate<ConversationChange, [ConversationRequest & { enabled: boolean }]>(
  'setAiEnabled',
);
export const closeUpdate = defineUpdate<ConversationChange, [ConversationRequest]>('close');
export const archiveUpdate = defineUpdate<ConversationChange, [ConversationRequest]>('archive');
export const reopenUpdate = defineUpdate<ConversationChange, [ConversationRequest]>('reopen');
export const deleteConversationUpdate = defineUpdate<{ deletedConversationId: string }, [ConversationRequest]>(
  'deleteConversation',
);
export const generateInsightsUpdate = defineUpdate<InsightsResult, [ConversationRequest]>('generateInsights');

/** Failure types the workflow gives rejected or failed Updates (ApplicationFailure.type). */
export const FAILURE_TYPES = {
  rejected: 'TransitionRejected',
} as const;

export const searchAttributes = {
  tenantId: defineSearchAttributeKey('TenantId', SearchAttributeType.KEYWORD),
  numberId: defineSearchAttributeKey('NumberId', SearchAttributeType.KEYWORD),
  customerKey: defineSearchAttributeKey('CustomerKey', SearchAttributeType.KEYWORD),
  conversationStatus: defineSearchAttributeKey('ConversationStatus', SearchAttributeType.KEYWORD),
  aiEnabled: defineSearchAttributeKey('AiEnabled', SearchAttributeType.BOOL),
  /** For ops: find a chat's workflow from the conversation id the app shows (the thread's current one). */
  conversationId: defineSearchAttributeKey('ConversationId', SearchAttributeType.KEYWORD),
  /** For ops: the tenant as people name it (the slug in the app's URLs), beside the internal TenantId. */
  tenantSlug: defineSearchAttributeKey('TenantSlug', SearchAttributeType.KEYWORD),
};

/** `whatsapp:{tenantId}:{numberId}:{customerKey}`: one workflow per customer thread. */
export function threadWorkflowId(tenantId: string, numberId: string, customerKey: string): string {
  return `whatsapp:${tenantId}:${numberId}:${customerKey}`;
}
