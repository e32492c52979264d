/**
 * The thread's state and its transitions, as plain code with no Temporal in it,
 * so it can be unit-tested alone. Everything here is plain JSON: it is carried
 * through continueAsNew, where a Map, Set or Date would not survive.
 */
import type { ConversationStatus, InboundMessage, ThreadSnapshot } from './types';

export const DEDUP_WINDOW = 500;
/** WhatsApp's customer-service window: free-form messages only this long after the customer's last message. */
export const SERVICE_WINDOW_MS = 24 * 3600 * 1000;
/** The longest text one WhatsApp message may carry (both providers' limit): the composer, the API and the workflow check it. */
export const MAX_TEXT_LENGTH = 4096;

export function initialSnapshot(): ThreadSnapshot {
  return {
    conversationId: null,
    status: 'open',
    aiEnabled: true,
    customer: null,
    recentProviderMessageIds: [],
    lastInboundAt: null,
    lastActivityAt: null,
    waitingSince: null,
    escalatedFor: null,
    aiReplyDueAt: null,
    conversationSeq: 0,
  };
}

/** A request the state machine refuses; the message is shown to the person who asked. */
export class TransitionRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransitionRejected';
  }
}

export type Transition = 'close' | 'archive' | 'reopen';

const ALLOWED_FROM: Record<Transition, ConversationStatus[]> = {
  close: ['open'],
  archive: ['closed'],
  reopen: ['closed', 'archived'],
};
export const TRANSITION_TARGET: Record<Transition, ConversationStatus> = {
  close: 'closed',
  archive: 'archived',
  reopen: 'open',
};
const HINT: Record<Transition, string> = {
  close: 'only an open conversation can be closed',
  archive: 'close it first: only a closed conversation can be archived',
  reopen: 'only a closed or archived conversation can be reopened',
};

export class ThreadState {
  private readonly s: ThreadSnapshot;

  constructor(carried?: ThreadSnapshot) {
    // Older snapshots lack the newer fields: fill them in.
    this.s = { ...initialSnapshot(), ...(carried ?? {}) };
    this.s.recentProviderMessageIds = [...this.s.recentProviderMessageIds];
  }

  snapshot(): ThreadSnapshot {
    return {
      ...this.s,
      customer: this.s.customer ? { ...this.s.customer } : null,
      recentProviderMessageIds: [...this.s.recentProviderMessageIds],
    };
  }

  get conversationId() {
    return this.s.conversationId;
  }
  get status() {
    return this.s.status;
  }
  get aiEnabled() {
    return this.s.aiEnabled;
  }
  get customer() {
    return this.s.customer;
  }
  get waitingSince() {
    return this.s.waitingSince ?? null;
  }
  get aiReplyDueAt() {
    return this.s.aiReplyDueAt ?? null;
  }
  get conversationSeq() {
    return this.s.conversationSeq ?? 0;
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
   * a closed one reopens (`reopened`: the customer did it, for the timeline).
   */
  acceptInbound(
    msg: InboundMessage,
    newId: () => string,
    /** When the thread handles it (workflow time); inactivity counts from here. */
    at: string = msg.receivedAt,
  ): { conversationId: string; started: boolean; reopened: boolean } {
    let started = false;
    const reopened = this.s.conversationId !== null && this.s.status === 'closed';
    if (this.s.conversationId === null || this.s.status === 'archived') {
      this.s.conversationId = newId();
      this.s.conversationSeq = this.conversationSeq + 1;
      this.s.aiEnabled = true;
      this.s.waitingSince = null;
      this.s.escalatedFor = null;
      this.s.aiReplyDueAt = null;
      started = true;
    }
    this.s.status = 'open';
    this.s.customer = { address: msg.from, profileName: msg.profileName ?? this.s.customer?.profileName };
    this.s.lastInboundAt = msg.receivedAt;
    this.s.lastActivityAt = at;
    return { conversationId: this.s.conversationId as string, started, reopened };
  }

  // ---- validation (synchronous, changes nothing: used by Update validators) ----

  requireConversation(expected?: string): string {
    if (this.s.conversationId === null) throw new TransitionRejected('This thread has no conversation yet');
    if (expected !== undefined && expected !== this.s.conversationId) {
      throw new TransitionRejected(
        'This conversation has ended (archived or deleted) and the customer’s thread has moved on; open the current conversation',
      );
    }
    return this.s.conversationId;
  }

  validateTransition(t: Transition, expected?: string): void {
    this.requireConversation(expected);
    if (!ALLOWED_FROM[t].includes(this.s.status)) {
      throw new TransitionRejected(`Cannot ${t} a conversation that is ${this.s.status}: ${HINT[t]}`);
    }
  }

  /** Is `now` inside the 24-hour window opened by the customer's last message? */
  insideServiceWindow(nowMs: number): boolean {
    return this.s.lastInboundAt !== null && nowMs - Date.parse(this.s.lastInboundAt) < SERVICE_WINDOW_MS;
  }

  validateSend(kind: 'text' | 'template', nowMs: number, expected?: string): void {
    this.requireConversation(expected);
    if (this.s.status !== 'open') {
      throw new TransitionRejected(`The conversation is ${this.s.status}: reopen it to send a message`);
    }
    if (kind === 'text' && !this.insideServiceWindow(nowMs)) {
      throw new TransitionRejected(
        'The customer last wrote more than 24 h ago; WhatsApp allows only a template message until they write again',
      );
    }
  }

  // ---- transitions ----

  apply(t: Transition, at: string): ConversationStatus {
    this.validateTransition(t);
    this.s.status = TRANSITION_TARGET[t];
    this.s.lastActivityAt = at;
    if (t !== 'reopen') {
      this.s.waitingSince = null;
      this.s.aiReplyDueAt = null;
    }
    return this.s.status;
  }

  setAiEnabled(enabled: boolean, at: string): void {
    this.s.aiEnabled = enabled;
    this.s.lastActivityAt = at;
    if (!enabled) this.s.aiReplyDueAt = null;
  }

  /** A customer message nobody will answer automatically: a person is now expected. */
  startWaiting(since: string): void {
    this.s.waitingSince ??= since;
  }

  /** A person (or the AI, on a normal reply) answered. */
  answered(at: string, by: 'human' | 'ai'): void {
    this.s.lastActivityAt = at;
    if (by === 'human') this.s.waitingSince = null;
  }

  /** The escalation for the current wait, if it is due and not yet raised. */
  escalationDueAt(delayMs: number): number | null {
    const since = this.s.waitingSince;
    if (!since || this.s.escalatedFor === since || this.s.status !== 'open') return null;
    return Date.parse(since) + delayMs;
  }

  markEscalated(): void {
    this.s.escalatedFor = this.s.waitingSince ?? null;
  }

  /** Escalated right away (AI hand-off): the wait starts now and counts as escalated. */
  handOff(at: string): void {
    this.s.aiEnabled = false;
    this.s.aiReplyDueAt = null;
    this.s.waitingSince ??= at;
    this.s.escalatedFor = this.s.waitingSince;
    this.s.lastActivityAt = at;
  }

  autoCloseDueAt(afterMs: number): number | null {
    if (this.s.status !== 'open' || !this.s.lastActivityAt || this.s.conversationId === null) return null;
    return Date.parse(this.s.lastActivityAt) + afterMs;
  }

  scheduleAiReply(dueAt: string): void {
    this.s.aiReplyDueAt = dueAt;
  }

  clearAiReply(): void {
    this.s.aiReplyDueAt = null;
  }

  /** After delete: the thread forgets its conversation (the de-dup window stays). */
  reset(): void {
    this.s.conversationId = null;
    this.s.status = 'open';
    this.s.aiEnabled = true;
    this.s.lastInboundAt = null;
    this.s.lastActivityAt = null;
    this.s.waitingSince = null;
    this.s.escalatedFor = null;
    this.s.aiReplyDueAt = null;
  }
}
