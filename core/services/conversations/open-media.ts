import { Readable } from 'node:stream';
import { z } from 'zod';
import type { Config } from '../../config';
import { decryptSecret, parseEncryptionKey } from '../../crypto';
import type { Db } from '../../db';
import { AppError, notFound } from '../../errors';
import { metaGraphUrl } from '../../providers/meta/send';
import { twilioApiUrl } from '../../providers/twilio/client';
import type { TenantCall } from '../deps';
import { findByIdInTenant, tenantFilter } from '../tenant-scope';
import { findConversation } from './find-conversation';

export type MediaConfig = Pick<
  Config,
  'ENCRYPTION_KEY' | 'TWILIO_API_BASE_URL' | 'META_GRAPH_BASE_URL' | 'META_GRAPH_VERSION'
>;

/** Either the bytes (fetched with the tenant's provider credentials) or a public URL to send the browser to. */
export type OpenedMedia = { body: Readable; contentType: string } | { redirect: string };

const TIMEOUT_MS = 20_000;

const ATTACHMENT_NUMBER = 'The attachment number must be between 0 and 9';
/** Which attachment, from the URL: a message has at most ten. */
export const mediaParamsSchema = z.object({
  messageId: z.string(),
  index: z.coerce
    .number({ invalid_type_error: ATTACHMENT_NUMBER })
    .int(ATTACHMENT_NUMBER)
    .min(0, ATTACHMENT_NUMBER)
    .max(9, ATTACHMENT_NUMBER),
});

/**
 * A customer's attachment, as the browser can show it. Providers keep media
 * behind their credentials: Twilio media URLs need the account's basic auth
 * (then redirect to a signed storage URL, which must not get the credentials);
 * Meta gives a media id, looked up on the Graph API with the number's token,
 * then downloaded with it. Other URLs (e.g. the sandbox's) are public: redirect.
 */
export async function openMedia(
  { db, config }: { db: Db; config: MediaConfig },
  { scope, id, input }: Pick<TenantCall, 'scope'> & { id: string; input: z.infer<typeof mediaParamsSchema> },
): Promise<OpenedMedia> {
  const conversation = await findConversation({ db }, { scope, id }, 'This attachment');
  const message = await findByIdInTenant(db.Message, scope, input.messageId, { media: 1, conversationId: 1 });
  const item = message?.conversationId === id ? message.media?.[input.index] : undefined;
  if (!item?.url) throw notFound('This attachment');
  const key = parseEncryptionKey(config.ENCRYPTION_KEY);

  if (item.url.startsWith('meta-media:')) {
    const number = await findByIdInTenant(db.WhatsAppNumber, scope, conversation.numberId);
    if (!number?.meta?.accessTokenEncrypted) throw unavailable('Meta', 'the number is no longer connected');
    const token = decryptSecret(number.meta.accessTokenEncrypted, key);
    const auth = { authorization: `Bearer ${token}` };
    const mediaId = encodeURIComponent(item.url.slice('meta-media:'.length));
    const lookup = await get(
      metaGraphUrl(config.META_GRAPH_BASE_URL, config.META_GRAPH_VERSION, mediaId),
      auth,
      'Meta',
    );
    const { url, mime_type: mimeType } = (await lookup.json()) as { url?: string; mime_type?: string };
    if (!url) throw unavailable('Meta', 'it gave no download URL');
    return stream(await get(url, auth, 'Meta'), mimeType ?? item.contentType);
  }

  const twilioUrl = twilioApiUrl(item.url, config.TWILIO_API_BASE_URL);
  if (twilioUrl) {
    const integration = await db.TwilioIntegration.findOne(tenantFilter(scope)).lean();
    if (!integration) throw unavailable('Twilio', 'Twilio is not connected');
    const basic = Buffer.from(`${integration.accountSid}:${decryptSecret(integration.authTokenEncrypted, key)}`);
    const first = await get(twilioUrl, { authorization: `Basic ${basic.toString('base64')}` }, 'Twilio', 'manual');
    const location = first.headers.get('location');
    // Twilio answers with a redirect to signed storage: follow it without the credentials.
    const response = location ? await get(new URL(location, twilioUrl).href, {}, 'Twilio') : first;
    return stream(response, item.contentType);
  }

  if (!/^https?:\/\//.test(item.url)) throw notFound('This attachment');
  return { redirect: item.url };
}

async function get(
  url: string,
  headers: Record<string, string>,
  provider: string,
  redirect: RequestRedirect = 'follow',
): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { headers, redirect, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch {
    throw unavailable(provider, 'it could not be reached');
  }
  const isRedirect = redirect === 'manual' && response.status >= 300 && response.status < 400;
  if (!response.ok && !isRedirect) {
    await response.body?.cancel();
    throw unavailable(provider, `it answered HTTP ${response.status}`);
  }
  return response;
}

function stream(response: Response, fallbackType: string | undefined | null): OpenedMedia {
  if (!response.body) throw unavailable('The provider', 'the attachment was empty');
  const contentType = response.headers.get('content-type') ?? fallbackType ?? 'application/octet-stream';
  return { body: Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), contentType };
}

function unavailable(provider: string, why: string) {
  return new AppError('service_unavailable', `${provider} did not hand over this attachment: ${why}`);
}
