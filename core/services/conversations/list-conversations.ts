import { Types } from 'mongoose';
import type { Db } from '../../db';
import type { ConversationStatus } from '../../db/models/conversation';
import { maskPhone } from '../../phone';

export interface ConversationRow {
  id: string;
  customerName: string | null;
  customerMasked: string;
  numberId: string;
  numberName: string;
  status: ConversationStatus;
  lastMessagePreview: string;
  lastMessageAt: string;
}

/** Recent conversations of one tenant, latest activity first. */
export async function listConversations(
  db: Db,
  tenantId: string,
  options: { limit?: number } = {},
): Promise<ConversationRow[]> {
  const tenant = new Types.ObjectId(tenantId);
  const [rows, numbers] = await Promise.all([
    db.Conversation.find({ tenantId: tenant, 'deleted.at': { $exists: false } })
      .sort({ lastMessageAt: -1 })
      .limit(Math.min(options.limit ?? 50, 200))
      .lean(),
    db.WhatsAppNumber.find({ tenantId: tenant }, { displayName: 1 }).lean(),
  ]);
  const numberNames = new Map(numbers.map((n) => [String(n._id), n.displayName]));
  return rows.map((c) => ({
    id: c._id,
    customerName: c.customer?.profileName ?? null,
    customerMasked: c.customer?.address ? maskPhone(c.customer.address) : '',
    numberId: String(c.numberId),
    numberName: numberNames.get(String(c.numberId)) ?? '(removed number)',
    status: c.status as ConversationStatus,
    lastMessagePreview: c.lastMessagePreview ?? '',
    lastMessageAt: c.lastMessageAt.toISOString(),
  }));
}
