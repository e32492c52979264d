/**
 * The thread workflow's message-passing API, spelled once: the workflow registers
 * these, `api/` and `worker/` import the same values to send them.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { ConversationStatus, ThreadSnapshot } from './thread-state';

export const TASK_QUEUE_DEFAULT = 'whatsapp';

export interface MediaItem {
  url: string;
  contentType: string;
}

/** What a provider webhook delivers for one customer message. */
export interface InboundMessage {
  provider: 'twilio' | 'meta';
  providerMessageId: string;
  /** The customer's address, `whatsapp:+…`. Kept out of IDs and search attributes. */
  from: string;
  profileName?: string;
  text: string;
  media: MediaItem[];
  /** ISO time the API received it. */
  receivedAt: string;
}

/** Tenant settings the thread's timers use. Workflow inputs, so tests pass seconds. */
export interface ThreadTimings {
  /** A customer message unanswered by a person this long raises an escalation. */
  escalationDelaySeconds: number;
  /** An open conversation with no activity this long is closed. */
  autoCloseAfterSeconds: number;
  /** Messages arriving within this quiet period get one AI reply. */
  aiDebounceSeconds: number;
}

export const DEFAULT_TIMINGS: ThreadTimings = {
  escalationDelaySeconds: 300,
  autoCloseAfterSeconds: 24 * 3600,
  aiDebounceSeconds: 3,
};

export interface ThreadInput {
  tenantId: string;
  numberId: string;
  customerKey: string;
  timings?: Partial<ThreadTimings>;
  /** Present only when continuing as new. */
  carried?: ThreadSnapshot;
}

/** Who asks for an Update: a member of the tenant (checked by the API), kept for the record. */
export interface Actor {
  userId: string;
  name?: string;
}

export interface TemplateMessage {
  /** Twilio Content SID (HX…) or Meta template name. */
  templateId: string;
  /** Meta: the template's language code (default `en`). */
  language?: string;
  variables?: Record<string, string>;
}

/** Every Update names the conversation it means: a thread moves on to a new one after archive. */
export interface ConversationRequest {
  conversationId: string;
  actor: Actor;
}

export interface SendMessageRequest extends ConversationRequest {
  text?: string;
  template?: TemplateMessage;
}

export interface SendMessageResult {
  messageId: string;
  providerMessageId: string;
  status: string;
}

export interface ConversationChange {
  conversationId: string;
  status: ConversationStatus;
  aiEnabled: boolean;
}

export interface InsightsResult {
  sentiment: 'positive' | 'neutral' | 'negative';
  score: number;
  summary: string;
  source: 'openai' | 'offline';
}

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
  invalidRequest: 'InvalidRequest',
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
