import { Types } from 'mongoose';
import type { Db } from '../../db';
import { isDuplicateKeyError } from '../../db';
import type { InboundMessage } from '../../../workflows/definitions';
import { raiseNotification } from '../notifications/raise-notification';

/** How many unrouted messages a tenant keeps; past it the oldest go (docs/decisions/0070). */
export const UNROUTED_LIMIT_PER_TENANT = 500;

/**
 * Keeps a message sent to a number the tenant has not connected, and tells the
 * owners and admins (one unread notification per number, counting). Resolves once
 * stored: only then may the webhook answer 2xx. A redelivery is stored once.
 */
export async function recordUnroutedMessage(
  db: Db,
  input: { tenantId: string; to: string; message: InboundMessage },
): Promise<void> {
  const tenantId = new Types.ObjectId(input.tenantId);
  const _id = `${input.message.provider}:${input.message.providerMessageId}`;
  try {
    await db.UnroutedMessage.create({
      _id,
      tenantId,
      provider: input.message.provider,
      to: input.to,
      message: input.message,
    });
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    return;
  }
  const overflow = await db.UnroutedMessage.find({ tenantId }, { _id: 1 })
    .sort({ createdAt: -1 })
    .skip(UNROUTED_LIMIT_PER_TENANT)
    .lean();
  if (overflow.length > 0) await db.UnroutedMessage.deleteMany({ _id: { $in: overflow.map((m) => m._id) } });

  const shown = input.to.startsWith('meta:') ? `Meta Phone Number ID ${input.to.slice(5)}` : input.to;
  await raiseNotification(
    { db },
    {
      tenantId: input.tenantId,
      conversationId: `unrouted:${input.to}`,
      kind: 'unrouted_message',
      key: `unrouted:${_id}`,
      title: `A customer wrote to ${shown}, which is not connected`,
      body: 'The message is kept. Connect this number to see it in the inbox.',
      requires: 'number:manage',
    },
  );
}
