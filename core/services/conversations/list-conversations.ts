import { Types, type FilterQuery } from 'mongoose';
import { z } from 'zod';
import { CONVERSATION_STATUSES, type ConversationStatus } from '../../db/models/conversation';
import { maskPhone } from '../../phone';
import type { DbDeps, TenantCall } from '../deps';
import { tenantFilter } from '../tenant-scope';

export interface ConversationRow {
  id: string;
  customerName: string | null;
  customerMasked: string;
  numberId: string;
  numberName: string;
  status: ConversationStatus;
  aiEnabled: boolean;
  lastMessagePreview: string;
  lastMessageAt: string;
  sentiment: 'positive' | 'neutral' | 'negative' | null;
  /** The customer wrote after this person last opened the conversation (or they never did). */
  unread: boolean;
}

/** The table's filters, as they come from a query string (the page's and the JSON API's). */
export const conversationFilterSchema = z.object({
  status: z
    .enum(CONVERSATION_STATUSES, { errorMap: () => ({ message: 'status must be open, closed or archived' }) })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  numberId: z
    .string()
    .regex(/^[0-9a-f]{24}$/i, 'numberId is not a number of this tenant')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  q: z
    .string()
    .trim()
    .max(100, 'Search for at most 100 characters')
    .optional()
    .describe('Customer name, or 3+ digits of their phone'),
  page: z.coerce.number().int('page must be a whole number').min(1, 'page starts at 1').max(10_000).optional(),
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(100, 'At most 100 conversations a page')
    .optional()
    .describe('Default 20'),
});
export type ConversationFilter = z.infer<typeof conversationFilterSchema>;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One page of a tenant's conversations, latest activity first, filtered by
 * status and number, searched by customer name or phone digits.
 */
export async function listConversations(
  { db }: DbDeps,
  { scope, actor, input: filter = {} }: TenantCall & { input?: ConversationFilter },
): Promise<{ conversations: ConversationRow[]; total: number; page: number; pageSize: number }> {
  const pageSize = filter.pageSize ?? 20;
  const page = filter.page ?? 1;
  const query: FilterQuery<unknown> = tenantFilter(scope, { 'deleted.at': { $exists: false } });
  if (filter.status) query.status = filter.status;
  if (filter.numberId) query.numberId = new Types.ObjectId(filter.numberId);
  if (filter.q) {
    const digits = filter.q.replace(/[^\d]/g, '');
    const byName = { 'customer.profileName': { $regex: escapeRegex(filter.q), $options: 'i' } };
    // Phone search needs a few digits, so "a" does not match every number.
    query.$or = digits.length >= 3 ? [byName, { 'customer.address': { $regex: escapeRegex(digits) } }] : [byName];
  }
  const [rows, total, numbers] = await Promise.all([
    db.Conversation.find(query)
      .sort({ lastMessageAt: -1 })
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .lean(),
    db.Conversation.countDocuments(query),
    db.WhatsAppNumber.find(tenantFilter(scope), { displayName: 1 }).lean(),
  ]);
  const reads = rows.length
    ? await db.ConversationRead.find(
        tenantFilter(scope, {
          userId: new Types.ObjectId(actor.userId),
          conversationId: { $in: rows.map((c) => c._id) },
        }),
      ).lean()
    : [];
  const seenAt = new Map(reads.map((r) => [r.conversationId, r.seenAt.getTime()]));
  const numberNames = new Map(numbers.map((n) => [String(n._id), n.displayName]));
  return {
    conversations: rows.map((c) => {
      const seen = seenAt.get(c._id);
      return {
        id: c._id,
        customerName: c.customer?.profileName ?? null,
        customerMasked: c.customer?.address ? maskPhone(c.customer.address) : '',
        numberId: String(c.numberId),
        numberName: numberNames.get(String(c.numberId)) ?? '(removed number)',
        status: c.status as ConversationStatus,
        aiEnabled: c.aiEnabled,
        lastMessagePreview: c.lastMessagePreview ?? '',
        lastMessageAt: c.lastMessageAt.toISOString(),
        sentiment: (c.insights?.sentiment as ConversationRow['sentiment']) ?? null,
        unread: Boolean(c.lastInboundAt) && (seen === undefined || c.lastInboundAt!.getTime() > seen),
      };
    }),
    total,
    page,
    pageSize,
  };
}
