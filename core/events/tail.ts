/**
 * Reads the `events` log for the live stream (DESIGN.md "Real time"). Writers on
 * any host append events with a per-tenant `seq`; each api process runs one
 * poller per tenant that has listeners, so N open browser tabs cost one query
 * per poll, and nothing depends on one process's memory.
 *
 * The log is dense by construction (core/events/append-event.ts), but a reader can
 * still see n+1 before n (a store whose scans do not read one snapshot, or an event
 * written by hand). The poller never hands out n+1 before n: it waits, and after
 * GAP_WAIT_MS it claims n with a gap marker under the unique index. Either the
 * marker gets in, and a writer still holding n loses the race and appends again
 * under a new seq, or n's event was stored after all and is delivered. So a reader
 * never moves past an event that shows up later.
 */
import { Types } from 'mongoose';
import type { Db } from '../db';
import { eventId, GAP_MARKER, type EventType, type HeliosEvent } from '../db/models/event';
import { closeGap, latestSeq } from './append-event';

export interface LiveEvent {
  seq: number;
  type: EventType;
  conversationId?: string;
  data: Record<string, unknown>;
  createdAt: Date;
}

export interface TailOptions {
  pollMs?: number;
  gapWaitMs?: number;
}

/** A seq claimed by a gap marker: moves the cursor, reaches no listener. */
interface GapEvent extends Omit<LiveEvent, 'type'> {
  type: typeof GAP_MARKER;
}

export type Listener = (event: LiveEvent) => void;

export interface Subscription {
  /** False when the listener asked to resume from further back than one replay (BATCH): reload instead. */
  replayed: boolean;
  unsubscribe(): void;
}

/** Events read per query, and the most a reconnecting listener gets replayed. */
const BATCH = 500;

export class TenantEventTail {
  private readonly pollers = new Map<string, TenantPoller>();
  private readonly options: Required<TailOptions>;
  private closed = false;

  constructor(
    private readonly db: Db,
    options: TailOptions = {},
  ) {
    this.options = { pollMs: 100, gapWaitMs: 2_000, ...options };
  }

  /**
   * Delivers the tenant's events after `afterSeq` (undefined = only new ones),
   * first those already stored, then live ones, each exactly once and in order.
   */
  async subscribe(tenantId: string, afterSeq: number | undefined, listener: Listener): Promise<Subscription> {
    // A request still in flight when the api shuts down must not start a poller nobody stops.
    if (this.closed) return { replayed: true, unsubscribe: () => {} };
    let poller = this.pollers.get(tenantId);
    if (!poller) {
      poller = new TenantPoller(this.db, tenantId, this.options, () => this.pollers.delete(tenantId));
      this.pollers.set(tenantId, poller);
    }
    return poller.add(afterSeq, listener);
  }

  close() {
    this.closed = true;
    for (const poller of this.pollers.values()) poller.stop();
    this.pollers.clear();
  }
}

class TenantPoller {
  private readonly tenantObjectId: Types.ObjectId;
  private readonly listeners = new Set<Listener>();
  /** Last seq handed to listeners: everything up to it has been seen, with no gap left open. */
  private cursor = 0;
  private readonly ready: Promise<void>;
  private timer: NodeJS.Timeout | undefined;
  private gapSince: number | undefined;
  private stopped = false;

  constructor(
    private readonly db: Db,
    tenantId: string,
    private readonly options: Required<TailOptions>,
    private readonly onIdle: () => void,
  ) {
    this.tenantObjectId = new Types.ObjectId(tenantId);
    this.ready = latestSeq(db, this.tenantObjectId).then((seq) => void (this.cursor = seq));
  }

  async add(afterSeq: number | undefined, listener: Listener): Promise<Subscription> {
    await this.ready;
    // Join first and buffer, then replay what is stored: an event the poller hands
    // out while the replay is being read is buffered, and nothing falls between.
    let lastDelivered = afterSeq ?? this.cursor;
    let buffer: LiveEvent[] | undefined = [];
    const deliver = (event: LiveEvent) => {
      if (event.seq <= lastDelivered) return;
      lastDelivered = event.seq;
      listener(event);
    };
    const member: Listener = (event) => (buffer ? buffer.push(event) : deliver(event));
    this.listeners.add(member);
    this.schedule();

    const replayed = afterSeq === undefined || this.cursor - afterSeq <= BATCH;
    if (afterSeq !== undefined && replayed && afterSeq < this.cursor) {
      const { events } = await this.read(afterSeq, this.cursor);
      for (const event of events) if (event.type !== GAP_MARKER) deliver(event);
    }
    if (!replayed) lastDelivered = this.cursor;
    for (const event of buffer) deliver(event);
    buffer = undefined;
    return {
      replayed,
      unsubscribe: () => {
        this.listeners.delete(member);
        if (this.listeners.size === 0) this.stop();
      },
    };
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.onIdle();
  }

  private schedule() {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.poll()
        .catch((error: Error) => console.error('[events] poll failed:', error.message))
        .finally(() => this.schedule());
    }, this.options.pollMs);
  }

  private async poll() {
    const { events, gap } = await this.read(this.cursor, undefined);
    // From here to the end of the loop no await: listeners joining meanwhile see a consistent cursor.
    for (const event of events) {
      this.cursor = event.seq;
      if (event.type === GAP_MARKER) continue;
      for (const listener of this.listeners) listener(event);
    }
    if (!gap) {
      this.gapSince = undefined;
      return;
    }
    this.gapSince ??= Date.now();
    if (Date.now() - this.gapSince < this.options.gapWaitMs) return;
    const seq = this.cursor + 1;
    // The next poll reads whatever now holds the seq: the marker or the late event.
    if (!(await closeGap(this.db, this.tenantObjectId, seq))) await this.deliverLegacy(seq);
    this.gapSince = undefined;
  }

  /**
   * The events after `afterSeq` (up to `upToSeq`, at most BATCH), in order and with
   * no hole: read by `_id` (ADR 0082), a few seqs at a time, the first read two
   * (an idle poll costs two point reads), then wider. `gap`: a seq was missing
   * while a later one was there.
   */
  private async read(afterSeq: number, upToSeq: number | undefined): Promise<{ events: StoredEvent[]; gap: boolean }> {
    const end = Math.min(upToSeq ?? Infinity, afterSeq + BATCH);
    const events: StoredEvent[] = [];
    let width = 2;
    for (let next = afterSeq + 1; next <= end; next += width, width = Math.min(width * 4, 64)) {
      const seqs = Array.from({ length: Math.min(width, end - next + 1) }, (_, i) => next + i);
      const docs = await Promise.all(
        seqs.map((seq) => this.db.Event.findOne({ _id: eventId(this.tenantObjectId, seq) }).lean()),
      );
      const missing = docs.findIndex((d) => !d);
      events.push(...docs.slice(0, missing === -1 ? undefined : missing).map((d) => toEvent(d!)));
      if (missing !== -1) return { events, gap: docs.slice(missing).some(Boolean) };
    }
    return { events, gap: false };
  }

  /**
   * `seq` is taken, but not under its `_id`: an event stored before events had
   * such ids. Read once by (tenantId, seq) — a scan on the embedded store — and
   * delivered, so the stream moves on.
   */
  private async deliverLegacy(seq: number) {
    const doc = await this.db.Event.findOne({ tenantId: this.tenantObjectId, seq }).lean();
    if (!doc || typeof doc._id === 'string' || seq !== this.cursor + 1) return;
    this.cursor = seq;
    const event = toEvent(doc);
    if (event.type !== GAP_MARKER) for (const listener of this.listeners) listener(event);
  }
}

type StoredEvent = LiveEvent | GapEvent;

function toEvent(d: HeliosEvent & { _id: unknown }): StoredEvent {
  return {
    seq: d.seq,
    type: d.type as EventType | typeof GAP_MARKER,
    conversationId: d.conversationId ?? undefined,
    data: (d.data ?? {}) as Record<string, unknown>,
    createdAt: d.createdAt,
  };
}
