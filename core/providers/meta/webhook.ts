import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { InboundMessage, MediaItem } from '../../../workflows/definitions';
import type { MessageStatus } from '../../db/models/message';
import { toWhatsAppAddress } from '../../phone';

/**
 * `X-Hub-Signature-256: sha256=<hex>`: HMAC-SHA256 of the raw body bytes with the
 * app secret. Never of a re-serialised object: Meta escapes non-ASCII as \uXXXX.
 */
export function isValidMetaSignature(appSecret: string, header: string | undefined, rawBody: Buffer): boolean {
  if (!header?.startsWith('sha256=')) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const messageSchema = z
  .object({
    from: z.string().min(1),
    id: z.string().min(1),
    timestamp: z.string().optional(),
    type: z.string(),
    text: z.object({ body: z.string() }).partial().optional(),
    button: z.object({ text: z.string() }).partial().optional(),
    interactive: z
      .object({
        button_reply: z.object({ title: z.string() }).partial().optional(),
        list_reply: z.object({ title: z.string() }).partial().optional(),
      })
      .partial()
      .optional(),
    location: z
      .object({
        latitude: z.coerce.number().min(-90).max(90),
        longitude: z.coerce.number().min(-180).max(180),
        name: z.string().optional(),
        address: z.string().optional(),
      })
      .passthrough()
      .optional(),
    contacts: z
      .array(
        z
          .object({
            name: z.object({ formatted_name: z.string().optional() }).passthrough().optional(),
            phones: z.array(z.object({ phone: z.string().optional(), wa_id: z.string().optional() })).optional(),
          })
          .passthrough(),
      )
      .optional(),
    // Removing a reaction sends the same shape without an emoji.
    reaction: z
      .object({ message_id: z.string().min(1), emoji: z.string().optional() })
      .passthrough()
      .optional(),
    context: z.object({ id: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();

const statusSchema = z
  .object({
    id: z.string().min(1),
    status: z.string(),
    errors: z.array(z.object({ code: z.number().optional(), title: z.string().optional() }).passthrough()).optional(),
  })
  .passthrough();

const valueSchema = z
  .object({
    metadata: z.object({ phone_number_id: z.string().min(1) }).passthrough(),
    contacts: z
      .array(z.object({ wa_id: z.string().optional(), profile: z.object({ name: z.string() }).partial().optional() }))
      .optional(),
    messages: z.array(messageSchema).optional(),
    statuses: z.array(statusSchema).optional(),
  })
  .passthrough();

const payloadSchema = z.object({
  object: z.string().optional(),
  entry: z.array(
    z.object({
      changes: z.array(z.object({ field: z.string().optional(), value: z.unknown() }).passthrough()).default([]),
    }),
  ),
});

export interface MetaChange {
  phoneNumberId: string;
  messages: Omit<InboundMessage, 'receivedAt'>[];
  statuses: { providerMessageId: string; status: MessageStatus | undefined; errorCode?: string; errorTitle?: string }[];
}

const MEDIA_TYPES = ['image', 'audio', 'video', 'document', 'sticker'];
const STATUSES: Record<string, MessageStatus> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
};

/** A Meta webhook body → its changes (every entry, every change). Throws on a malformed one. */
export function parseMetaWebhook(body: unknown): MetaChange[] {
  const payload = payloadSchema.parse(body);
  const changes: MetaChange[] = [];
  for (const entry of payload.entry) {
    for (const change of entry.changes) {
      if (change.field !== undefined && change.field !== 'messages') continue;
      const value = valueSchema.parse(change.value);
      const names = new Map((value.contacts ?? []).map((c) => [c.wa_id ?? '', c.profile?.name]));
      changes.push({
        phoneNumberId: value.metadata.phone_number_id,
        messages: (value.messages ?? []).map((m) => {
          const media: MediaItem[] = [];
          let text =
            m.text?.body ??
            m.button?.text ??
            m.interactive?.button_reply?.title ??
            m.interactive?.list_reply?.title ??
            '';
          if (MEDIA_TYPES.includes(m.type)) {
            const item = (m as Record<string, unknown>)[m.type] as
              { id?: string; mime_type?: string; caption?: string } | undefined;
            if (item?.id)
              media.push({ url: `meta-media:${item.id}`, contentType: item.mime_type ?? 'application/octet-stream' });
            text = item?.caption ?? text;
          }
          return {
            provider: 'meta' as const,
            providerMessageId: m.id,
            from: toWhatsAppAddress(m.from),
            profileName: names.get(m.from) || undefined,
            text,
            media,
            ...(m.type === 'location' && m.location
              ? {
                  location: {
                    latitude: m.location.latitude,
                    longitude: m.location.longitude,
                    ...(m.location.name ? { name: m.location.name } : {}),
                    ...(m.location.address ? { address: m.location.address } : {}),
                  },
                }
              : {}),
            ...(m.type === 'contacts' && m.contacts
              ? {
                  contacts: m.contacts.map((c) => ({
                    name: c.name?.formatted_name ?? '',
                    phones: (c.phones ?? []).flatMap((p) =>
                      (p.phone ?? p.wa_id) ? [(p.phone ?? p.wa_id) as string] : [],
                    ),
                  })),
                }
              : {}),
            ...(m.type === 'reaction' && m.reaction
              ? { reaction: { providerMessageId: m.reaction.message_id, emoji: m.reaction.emoji ?? '' } }
              : {}),
            ...(m.context?.id ? { quotedProviderMessageId: m.context.id } : {}),
          };
        }),
        statuses: (value.statuses ?? []).map((s) => ({
          providerMessageId: s.id,
          status: STATUSES[s.status],
          errorCode: s.errors?.[0]?.code !== undefined ? String(s.errors[0].code) : undefined,
          errorTitle: s.errors?.[0]?.title,
        })),
      });
    }
  }
  return changes;
}
