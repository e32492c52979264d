import { Types } from 'mongoose';
import { z } from 'zod';
import type { TimelineActor, TimelineKind } from '../../../workflows/timeline';
import { aiAvailabilityOf } from '../../ai/reply';
import { maskPhone } from '../../phone';
import type { ConfigDeps, TenantCall } from '../deps';
import { tenantFilter } from '../tenant-scope';
import { findConversation } from './find-conversation';
import { textRenderingOf } from './message-content';

export interface MessageView {
  id: string;
  direction: 'inbound' | 'outbound';
  author: 'customer' | 'ai' | 'human';
  text: string;
  media: { url: string; contentType: string }[];
  status: string;
  errorCode: string | null;
  errorMessage: string | null;
  /** The person who wrote a human reply (null for customer and AI messages). */
  sentByName: string | null;
  templateId: string | null;
  sentAt: string;
  location: { latitude: number; longitude: number; name: string | null; address: string | null } | null;
  contacts: { name: string; phones: string[] }[];
  /** Reactions on this message (one per reactor). */
  reactions: { by: string; emoji: string }[];
  /** This message is itself a reaction; `attached`: shown on its message, not as a line of its own. */
  reaction: { emoji: string; attached: boolean } | null;
  /** The message this one quotes: `id` null when it is not stored here (then only the provider id is known). */
  quoted: { id: string | null; text: string; hasMedia: boolean } | null;
}

/** A line of the conversation's timeline (who closed, reopened, switched the AI…), between its messages. */
export interface TimelineView {
  id: string;
  kind: TimelineKind;
  by: TimelineActor;
  /** The member who did it (null when the customer, the AI or a timer did, or the member is gone). */
  byName: string | null;
  reason: string | null;
  at: string;
}

const TIMELINE_PAGE_LIMIT = 200;

/** A page of messages, from the query string. */
export const messagePageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional().describe('Default 50'),
  before: z.string().datetime().optional().describe('Messages sent before this time (`nextBefore`)'),
});

/** The messages a page quotes, by provider id: their id, text rendering and whether they carry media. */
async function quotedMessagesOf(
  { db }: Pick<ConfigDeps<'OPENAI_API_KEY'>, 'db'>,
  scope: TenantCall['scope'],
  rows: { quotedProviderMessageId?: string | null }[],
) {
  const ids = [...new Set(rows.flatMap((m) => (m.quotedProviderMessageId ? [m.quotedProviderMessageId] : [])))];
  const found = ids.length
    ? await db.Message.find(tenantFilter(scope, { providerMessageId: { $in: ids } })).lean()
    : [];
  return new Map(
    found.map((q) => [
      q.providerMessageId,
      { id: q._id, text: textRenderingOf(q), hasMedia: (q.media ?? []).length > 0 },
    ]),
  );
}

/** A conversation of the tenant (scoped: another tenant's id is "not found") and a page of its messages. */
export async function getConversation(
  deps: ConfigDeps<'OPENAI_API_KEY'>,
  {
    scope,
    id,
    input: page = {},
  }: Pick<TenantCall, 'scope'> & { id: string; input?: z.infer<typeof messagePageSchema> },
) {
  const { db } = deps;
  const c = await findConversation(deps, { scope, id });
  const limit = Math.min(Math.max(page.limit ?? 50, 1), 200);
  const asked = page.before ? new Date(page.before) : undefined;
  const before = asked && !Number.isNaN(asked.getTime()) ? asked : undefined;
  const rows = await db.Message.find(
    tenantFilter(scope, {
      conversationId: c._id,
      ...(before ? { sentAt: { $lt: before } } : {}),
    }),
  )
    .sort({ sentAt: -1 })
    .limit(limit + 1)
    .lean();
  const hasMore = rows.length > limit;
  // The timeline lines between the same messages: from this page's oldest message (the older
  // page has those before it) up to `before`.
  const oldestShown = hasMore ? rows[limit - 1].sentAt : undefined;
  const events = await db.TimelineEvent.find(
    tenantFilter(scope, {
      $or: [{ conversationId: c._id }, { numberId: c.numberId }],
      ...(oldestShown || before
        ? { at: { ...(oldestShown ? { $gte: oldestShown } : {}), ...(before ? { $lt: before } : {}) } }
        : {}),
    }),
  )
    .sort({ at: 1 })
    .limit(TIMELINE_PAGE_LIMIT)
    .lean();
  const senderIds = [
    ...new Set([
      ...rows.flatMap((m) => (m.sentBy ? [String(m.sentBy)] : [])),
      ...events.flatMap((e) => (e.byUserId && Types.ObjectId.isValid(e.byUserId) ? [e.byUserId] : [])),
    ]),
  ];
  const [senders, ai] = await Promise.all([
    senderIds.length ? db.User.find({ _id: { $in: senderIds } }, { name: 1 }).lean() : [],
    aiAvailabilityOf(deps.db, deps.config, scope.tenantId, String(c.numberId)),
  ]);
  const { number } = ai;
  const senderName = new Map(senders.map((u) => [String(u._id), u.name]));
  const quoted = await quotedMessagesOf(deps, scope, rows);
  const messages: MessageView[] = rows
    .slice(0, limit)
    .reverse()
    .map((m) => ({
      id: m._id,
      direction: m.direction as MessageView['direction'],
      author: m.author as MessageView['author'],
      text: m.text ?? '',
      media: (m.media ?? []).map((x) => ({ url: x.url ?? '', contentType: x.contentType ?? '' })),
      status: m.status,
      errorCode: m.errorCode ?? null,
      errorMessage: m.errorMessage ?? null,
      sentByName: m.sentBy ? (senderName.get(String(m.sentBy)) ?? null) : null,
      templateId: m.templateId ?? null,
      sentAt: m.sentAt.toISOString(),
      location:
        typeof m.location?.latitude === 'number' && typeof m.location.longitude === 'number'
          ? {
              latitude: m.location.latitude,
              longitude: m.location.longitude,
              name: m.location.name ?? null,
              address: m.location.address ?? null,
            }
          : null,
      contacts: (m.contacts ?? []).map((c) => ({ name: c.name ?? '', phones: c.phones ?? [] })),
      reactions: (m.reactions ?? []).map((r) => ({ by: r.by ?? 'customer', emoji: r.emoji ?? '' })),
      reaction: m.reaction ? { emoji: m.reaction.emoji ?? '', attached: m.reaction.attached === true } : null,
      quoted: m.quotedProviderMessageId
        ? (quoted.get(m.quotedProviderMessageId) ?? { id: null, text: '', hasMedia: false })
        : null,
    }));
  return {
    conversation: {
      id: c._id,
      threadId: c.threadId,
      numberId: String(c.numberId),
      status: c.status,
      aiEnabled: c.aiEnabled,
      customerName: c.customer?.profileName ?? null,
      customerMasked: c.customer?.address ? maskPhone(c.customer.address) : '',
      number: number
        ? {
            id: String(number._id),
            displayName: number.displayName,
            address: number.address,
            provider: number.provider,
            active: number.active ?? false,
          }
        : null,
      /** Why the AI does not answer here whatever the toggle says (number inactive or removed…); null when it does. */
      aiUnavailableReason: ai.reason,
      startedAt: (c as { createdAt?: Date }).createdAt?.toISOString() ?? null,
      lastMessageAt: c.lastMessageAt.toISOString(),
      lastInboundAt: c.lastInboundAt?.toISOString() ?? null,
      insights: c.insights?.sentiment
        ? {
            sentiment: c.insights.sentiment,
            score: c.insights.score,
            summary: c.insights.summary,
            source: c.insights.source,
            model: c.insights.model ?? null,
            generatedAt: c.insights.generatedAt?.toISOString() ?? null,
          }
        : null,
    },
    messages,
    timeline: events.map((e): TimelineView => ({
      id: e._id,
      kind: e.kind as TimelineKind,
      by: e.by as TimelineActor,
      byName: e.byUserId ? (senderName.get(e.byUserId) ?? null) : null,
      reason: e.reason ?? null,
      at: e.at.toISOString(),
    })),
    /** Pass as `before` for the previous page. */
    nextBefore: hasMore && messages.length ? messages[0].sentAt : null,
  };
}
