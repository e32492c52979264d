/**
 * The thread's state and its transitions, as plain code with no Temporal in it,
 * so it can be unit-tested alone. Everything here is plain JSON: it is carried
 * through continueAsNew, where a Map, Set or Date would not survive.
 */
import type { InboundMessage } from './definitions';

export type ConversationStatus = 'open' | 'closed' | 'archived';

export interface ThreadSnapshot {
  conversationId: string | null;
  status: ConversationStatus;
  aiEnabled: boolean;
  customer: { address: string; profileName?: string } | null;
  /** Most recent provider message ids, oldest first: the de-duplication window. */
  recentProviderMessageIds: string[];
  lastInboundAt: string | null;
}

export const DEDUP_WINDOW = 500;

export function initialSnapshot(): ThreadSnapshot {
  return {
    conversationId: null,
    status: 'open',
    aiEnabled: true,
    customer: null,
    recentProviderMessageIds: [],
    lastInboundAt: null,
  };
}

export class ThreadState {
  constructor(private readonly s: ThreadSnapshot = initialSnapshot()) {}

  snapshot(): ThreadSnapshot {
    return { ...this.s, recentProviderMessageIds: [...this.s.recentProviderMessageIds] };
  }

  get conversationId() {
    return this.s.conversationId;
  }
  get status() {
    return this.s.status;
  }

  /** True the first time a provider message id is seen inside the window. */
  remember(providerMessageId: string): boolean {
    if (this.s.recentProviderMessageIds.includes(providerMessageId)) return false;
    this.s.recentProviderMessageIds.push(providerMessageId);
    if (this.s.recentProviderMessageIds.length > DEDUP_WINDOW) this.s.recentProviderMessageIds.shift();
    return true;
  }

  /**
   * An inbound message belongs to the current conversation; a thread with none,
   * or whose conversation was archived, starts a new one (newId makes its id);
   * a closed one reopens.
   */
  acceptInbound(msg: InboundMessage, newId: () => string): { conversationId: string; started: boolean } {
    let started = false;
    if (this.s.conversationId === null || this.s.status === 'archived') {
      this.s.conversationId = newId();
      started = true;
    }
    this.s.status = 'open';
    this.s.customer = { address: msg.from, profileName: msg.profileName ?? this.s.customer?.profileName };
    this.s.lastInboundAt = msg.receivedAt;
    return { conversationId: this.s.conversationId as string, started };
  }
}
