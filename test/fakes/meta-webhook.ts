import { createHmac, randomBytes } from 'node:crypto';

/** JSON as Meta writes it: non-ASCII escaped as \uXXXX (the signature is over these bytes). */
export function metaJson(payload: unknown): string {
  return JSON.stringify(payload).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** POSTs a webhook signed like Meta: `X-Hub-Signature-256: sha256=HMAC(appSecret, raw body)`. */
export async function postMetaWebhook(
  url: string,
  appSecret: string,
  payload: unknown,
  options: { signature?: string | null; rawBody?: string } = {},
): Promise<Response> {
  const raw = options.rawBody ?? metaJson(payload);
  const signature =
    options.signature === undefined
      ? `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`
      : options.signature;
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { 'x-hub-signature-256': signature } : {}) },
    body: raw,
  });
}

export function wamid(): string {
  return `wamid.${randomBytes(16).toString('base64url')}`;
}

export interface MetaTextMessage {
  from: string; // digits, e.g. 34600111222
  /** The text, or the photo's caption. */
  text: string;
  id?: string;
  name?: string;
  /** A photo (media id from FakeMetaGraph.addMedia) instead of a text message. */
  image?: { id: string; mimeType: string };
  /** A shared location instead of a text message (`type: location`). */
  location?: { latitude: number; longitude: number; name?: string; address?: string };
  /** Shared contact cards (`type: contacts`), as Meta shapes them. */
  contacts?: { name: string; phones: string[] }[];
  /** A reaction to `messageId` (`type: reaction`); an empty emoji removes it (Meta then omits the field). */
  reaction?: { messageId: string; emoji: string };
  /** A quoted reply: the wamid it quotes (`context.id`). */
  replyTo?: string;
}

/** The type-specific part of a message, as Meta's webhook carries it. */
function metaMessageBody(m: MetaTextMessage) {
  if (m.reaction)
    return {
      type: 'reaction',
      reaction: { message_id: m.reaction.messageId, ...(m.reaction.emoji ? { emoji: m.reaction.emoji } : {}) },
    };
  if (m.location) return { type: 'location', location: m.location };
  if (m.contacts)
    return {
      type: 'contacts',
      contacts: m.contacts.map((c) => ({
        name: { formatted_name: c.name, first_name: c.name.split(' ')[0] },
        phones: c.phones.map((phone) => ({ phone, wa_id: phone.replace(/\D/g, ''), type: 'CELL' })),
      })),
    };
  if (m.image)
    return {
      type: 'image',
      image: { id: m.image.id, mime_type: m.image.mimeType, ...(m.text ? { caption: m.text } : {}) },
    };
  return { type: 'text', text: { body: m.text } };
}

/** One entry/change for a phone number id, with messages and/or statuses. */
export function metaChange(
  phoneNumberId: string,
  parts: { messages?: MetaTextMessage[]; statuses?: { id: string; status: string; errorCode?: number }[] },
) {
  return {
    id: 'WABA_ID',
    changes: [
      {
        field: 'messages',
        value: {
          messaging_product: 'whatsapp',
          metadata: { display_phone_number: '15550002222', phone_number_id: phoneNumberId },
          ...(parts.messages
            ? {
                // One contact per customer, as Meta sends it.
                contacts: [...new Map(parts.messages.map((m) => [m.from, m.name])).entries()].map(([waId]) => ({
                  profile: { name: parts.messages!.find((m) => m.from === waId && m.name)?.name ?? 'Cliente' },
                  wa_id: waId,
                })),
                messages: parts.messages.map((m) => ({
                  from: m.from,
                  id: m.id ?? wamid(),
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  ...(m.replyTo ? { context: { from: '15550002222', id: m.replyTo } } : {}),
                  ...metaMessageBody(m),
                })),
              }
            : {}),
          ...(parts.statuses
            ? {
                statuses: parts.statuses.map((s) => ({
                  id: s.id,
                  status: s.status,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  recipient_id: '0',
                  ...(s.errorCode ? { errors: [{ code: s.errorCode, title: 'Message undeliverable' }] } : {}),
                })),
              }
            : {}),
        },
      },
    ],
  };
}

export const metaPayload = (...entries: unknown[]) => ({ object: 'whatsapp_business_account', entry: entries });
