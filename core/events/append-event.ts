import { Types } from 'mongoose';
import type { Db } from '../db';
import type { EventType } from '../db/models/event';

/**
 * Appends one entry to a tenant's live-update log (DESIGN.md "Real time"). The
 * sequence number comes from a per-tenant counter ($inc is atomic), so readers in
 * any api process tail `seq > lastSeen` in order. Best effort by design: the
 * document it announces is already written, and a page refresh shows it anyway.
 */
export async function appendEvent(
  db: Db,
  tenantId: string | Types.ObjectId,
  type: EventType,
  data: Record<string, unknown> & { conversationId?: string },
): Promise<number> {
  const tenant = typeof tenantId === 'string' ? new Types.ObjectId(tenantId) : tenantId;
  const counter = await db.EventCounter.findOneAndUpdate(
    { _id: tenant },
    { $inc: { seq: 1 } },
    { upsert: true, new: true },
  ).lean();
  const seq = counter!.seq as number;
  await db.Event.create({ tenantId: tenant, seq, type, conversationId: data.conversationId, data });
  return seq;
}
