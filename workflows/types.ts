/**
 * The plain data the thread workflow exchanges: its input, the messages it is sent,
 * its Update requests and results, the snapshot it carries through continueAsNew.
 * Types only, so definitions.ts, thread-state.ts and their callers share them
 * without importing each other.
 */
export type ConversationStatus = 'open' | 'closed' | 'archived';

export interface ThreadSnapshot {
  conversationId: string | null;
  status: ConversationStatus;
  aiEnabled: boolean;
  customer: { address: string; profileName?: string } | null;
  /** Most recent provider message ids, oldest first: the de-duplication window. */
  recentProviderMessageIds: string[];
  lastInboundAt: string | null;
  /** Last thing that happened in the conversation (inbound, send, transition): auto-close counts from here. */
  lastActivityAt?: string | null;
  /** Oldest customer message still waiting for a person (null = nobody is waiting). */
  waitingSince?: string | null;
  /** The `waitingSince` an escalation was already raised for (one escalation per wait). */
  escalatedFor?: string | null;
  /** When the debounced AI reply is due (null = none pending). */
  aiReplyDueAt?: string | null;
  /** Counts conversations this thread started: part of notification ids. */
  conversationSeq?: number;
}

export interface MediaItem {
  url: string;
  contentType: string;
}

/** A shared location (Meta `type: location`, Twilio `Latitude`/`Longitude`/`Address`/`Label`). */
export interface SharedLocation {
  latitude: number;
  longitude: number;
  name?: string;
  address?: string;
}

/** A shared contact card (Meta `type: contacts`): a name and its phone numbers. */
export interface SharedContact {
  name: string;
  phones: string[];
}

/** A customer's reaction to an earlier message (by its provider id); an empty emoji removes it. */
export interface InboundReaction {
  providerMessageId: string;
  emoji: string;
}

/**
 * What a provider webhook delivers for one customer message. The optional parts
 * were added later: signals recorded before them simply lack them (replay-safe).
 */
export interface InboundMessage {
  provider: 'twilio' | 'meta';
  providerMessageId: string;
  /** The customer's address, `whatsapp:+…`. Kept out of IDs and search attributes. */
  from: string;
  profileName?: string;
  text: string;
  media: MediaItem[];
  location?: SharedLocation;
  contacts?: SharedContact[];
  /** Set for a reaction: not a reply, no AI answer, no escalation wait (ADR 0120). */
  reaction?: InboundReaction;
  /** The provider id of the message this one quotes (Meta `context.id`, Twilio `OriginalRepliedMessageSid`). */
  quotedProviderMessageId?: string;
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
