/**
 * The thread workflow's message-passing API, spelled once: the workflow registers
 * these, `api/` and `worker/` import the same values to send them.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { ThreadSnapshot } from './thread-state';

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

export interface ThreadInput {
  tenantId: string;
  numberId: string;
  customerKey: string;
  /** Present only when continuing as new. */
  carried?: ThreadSnapshot;
}

export const inboundMessageSignal = defineSignal<[InboundMessage]>('inboundMessage');
export const stateQuery = defineQuery<ThreadSnapshot>('state');

export const searchAttributes = {
  tenantId: defineSearchAttributeKey('TenantId', SearchAttributeType.KEYWORD),
  numberId: defineSearchAttributeKey('NumberId', SearchAttributeType.KEYWORD),
  customerKey: defineSearchAttributeKey('CustomerKey', SearchAttributeType.KEYWORD),
  conversationStatus: defineSearchAttributeKey('ConversationStatus', SearchAttributeType.KEYWORD),
  aiEnabled: defineSearchAttributeKey('AiEnabled', SearchAttributeType.BOOL),
};

/** `whatsapp:{tenantId}:{numberId}:{customerKey}`: one workflow per customer thread. */
export function threadWorkflowId(tenantId: string, numberId: string, customerKey: string): string {
  return `whatsapp:${tenantId}:${numberId}:${customerKey}`;
}
