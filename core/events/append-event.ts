import { Types } from 'mongoose';
import { isDuplicateKeyError, type Db } from '../db';
import { eventId, GAP_MARKER, type EventType } from '../db/models/event';

/**
 * Appends one entry to a tenant's live-update log (DESIGN.md "Real time", ADR 0080)
 * and returns its seq.
 *
 * The log is dense: seq n is written only by someone who has seen n-1 stored, and
 * the unique index (tenantId, seq) is the only arbiter between writers. There is no
 * shared counter: FerretDB's `$inc` in findOneAndUpdate is not atomic under
 * concurrency (300 parallel increments end at 2), and a counter can leave a hole
 * when a writer dies between taking a number and inserting. A writer that loses a
 * seq to another process (or to a reader's gap marker, core/events/tail.ts) reads
 * the end of the log again and takes the next one.
 *
 * Within one process, a tenant's appends are queued and written in batches by one
 * writer, so hundreds of activities appending at once cost one insert per batch,
 * and writers only contend across processes.
 */
export async function appendEvent(
  db: Db,
  tenantId: string | Types.ObjectId,
  type: EventType,
  data: Record<string, unknown> & { conversationId?: string },
): Promise<number> {
  const tenant = String(tenantId);
  let writers = writersByDb.get(db);
  if (!writers) writersByDb.set(db, (writers = new Map()));
  let writer = writers.get(tenant);
  if (!writer) writers.set(tenant, (writer = new TenantLogWriter(db, new Types.ObjectId(tenant))));
  return writer.append(type, data);
}

/** The highest seq stored for the tenant, 0 when its log is empty. */
export async function latestSeq(db: Db, tenantId: Types.ObjectId): Promise<number> {
  const last = await db.Event.findOne({ tenantId }).sort({ seq: -1 }).select({ seq: 1 }).lean();
  return last?.seq ?? 0;
}

/** Events written per insert. */
const BATCH = 200;
/** Lost races before giving up: each one means another writer did get its batch in. */
const MAX_ATTEMPTS = 50;

const writersByDb = new WeakMap<Db, Map<string, TenantLogWriter>>();

interface Pending {
  doc: { claim: string; tenantId: Types.ObjectId; type: EventType; conversationId?: string; data: object };
  resolve(seq: number): void;
  reject(error: unknown): void;
}

class TenantLogWriter {
  private queue: Pending[] = [];
  private writing = false;
  /** The seq after the last one this writer stored; unknown until read, and after a lost race. */
  private nextSeq: number | undefined;

  constructor(
    private readonly db: Db,
    private readonly tenantId: Types.ObjectId,
  ) {}

  append(type: EventType, data: Record<string, unknown> & { conversationId?: string }): Promise<number> {
    const claim = new Types.ObjectId().toHexString();
    const doc = { claim, tenantId: this.tenantId, type, conversationId: data.conversationId, data };
    return new Promise((resolve, reject) => {
      this.queue.push({ doc, resolve, reject });
      void this.drain();
    });
  }

  private async drain() {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, BATCH);
        await this.write(batch).catch((error: unknown) => batch.forEach((p) => p.reject(error)));
      }
    } finally {
      this.writing = false;
    }
  }

  private async write(batch: Pending[]) {
    let remaining = batch;
    for (let attempt = 1; remaining.length > 0; attempt++) {
      const first = this.nextSeq ?? (await latestSeq(this.db, this.tenantId)) + 1;
      const docs = remaining.map((p, i) => ({
        ...p.doc,
        _id: eventId(this.tenantId, first + i),
        seq: first + i,
        createdAt: new Date(),
      }));
      try {
        await this.db.Event.insertMany(docs, { ordered: true });
        this.nextSeq = first + docs.length;
        remaining.forEach((p, i) => p.resolve(first + i));
        return;
      } catch (error) {
        if (!isDuplicateKeyError(error) || attempt >= MAX_ATTEMPTS) throw error;
        // Which of ours got in before the clash: asked of the log itself (by _id, each
        // seq we tried), since what a failed batch insert reports differs between
        // MongoDB and FerretDB. An event there with our claim is ours.
        this.nextSeq = undefined;
        const stored = await Promise.all(
          docs.map((d) => this.db.Event.findOne({ _id: d._id }).select({ claim: 1 }).lean()),
        );
        const seqByClaim = new Map<string, number>();
        docs.forEach((d, i) => stored[i]?.claim === d.claim && seqByClaim.set(d.claim, d.seq));
        for (const p of remaining) {
          const seq = seqByClaim.get(p.doc.claim);
          if (seq !== undefined) p.resolve(seq);
        }
        remaining = remaining.filter((p) => !seqByClaim.has(p.doc.claim));
      }
    }
  }
}

/**
 * Claims `seq` for a gap marker (core/events/tail.ts): true when the seq was still
 * free, false when its event was stored after all. Either way the seq is now taken
 * for good, so a reader that moves past it skips nothing.
 */
export async function closeGap(db: Db, tenantId: Types.ObjectId, seq: number): Promise<boolean> {
  try {
    await db.Event.create({ _id: eventId(tenantId, seq), tenantId, seq, type: GAP_MARKER, data: {} });
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}
