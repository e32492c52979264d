import { Types } from 'mongoose';
import type { DbDeps, TenantCall } from '../deps';
import { tenantFilter } from '../tenant-scope';

/** This person has the conversation open now: what the customer wrote so far is read. */
export async function markConversationSeen({ db }: DbDeps, { scope, actor, id }: TenantCall & { id: string }) {
  await db.ConversationRead.updateOne(
    tenantFilter(scope, { userId: new Types.ObjectId(actor.userId), conversationId: id }),
    { $set: { seenAt: new Date() } },
    { upsert: true },
  );
}
