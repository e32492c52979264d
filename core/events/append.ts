import { Types } from 'mongoose';
import type { Db } from '../db';
import type { EventType } from '../db/models/event';

/**
 * Appends one live-update event for a tenant (read by core/events/tail). The seq
 * comes from an atomic per-tenant counter, so writers on several hosts interleave
 * safely; a writer that dies between the two steps leaves a gap the tail skips.
 */
export async function appendEvent(
  db: Db,
  tenantId: string,
  type: EventType,
  data: Record<string, unknown>,
  conversationId?: string,
): Promise<number> {
  const tenantObjectId = new Types.ObjectId(tenantId);
  const counter = await db.EventCounter.findOneAndUpdate(
    { _id: tenantObjectId },
    { $inc: { seq: 1 } },
    { upsert: true, new: true },
  ).lean();
  await db.Event.create({ tenantId: tenantObjectId, seq: counter!.seq, type, conversationId, data });
  return counter!.seq;
}
