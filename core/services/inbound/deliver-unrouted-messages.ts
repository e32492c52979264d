import { Types } from 'mongoose';
import { z } from 'zod';
import { AppError } from '../../errors';
import type { InboundMessage } from '../../../workflows/definitions';
import { handOffToThread, type InboundDeps } from './hand-off-to-thread';

/** Which number's kept messages to deliver. */
export const deliverUnroutedSchema = z.object({
  address: z.string({ required_error: 'Name the number: address' }).min(1, 'Name the number: address'),
});

/**
 * Hands the messages kept for a number to their threads, oldest first, now that
 * the number is connected; each is removed once Temporal accepted it, so a
 * failure halfway keeps the rest for the next try (the thread de-duplicates by
 * provider message id, so a message handed over twice is stored once).
 */
export async function deliverUnroutedMessages(
  deps: InboundDeps,
  tenantId: string,
  address: string,
): Promise<{ delivered: number }> {
  const tenant = await deps.db.Tenant.findById(new Types.ObjectId(tenantId)).lean();
  const number = await deps.db.WhatsAppNumber.findOne({ tenantId: tenant?._id, address }).lean();
  if (!tenant || !number)
    throw new AppError('bad_request', `${address} is not connected: connect it first`, { address: 'Not connected' });
  const rows = await deps.db.UnroutedMessage.find({ tenantId: tenant._id, to: address }).sort({ createdAt: 1 }).lean();
  for (const row of rows) {
    await handOffToThread(deps, tenant, number, row.message as InboundMessage);
    await deps.db.UnroutedMessage.deleteOne({ _id: row._id });
  }
  await deps.db.Notification.deleteMany({ tenantId: tenant._id, conversationId: `unrouted:${address}` });
  return { delivered: rows.length };
}
