import { twilioCallbackBaseUrl, type Config, type TwilioCallbackSettings } from '../config';
import { decryptSecret, parseEncryptionKey } from '../crypto';
import type { Db } from '../db';
import { tenantFilter } from '../services/tenant-scope';
import { twilioWebhookUrl } from '../services/webhook-urls';
import { metaMessagingProvider } from './meta/send';
import { ProviderSendError, type MessagingProvider } from './messaging';
import { createTwilioClient } from './twilio/client';
import { twilioMessagingProvider } from './twilio/send';

export type ProviderConfig = Pick<
  Config,
  'ENCRYPTION_KEY' | TwilioCallbackSettings | 'META_GRAPH_BASE_URL' | 'META_GRAPH_VERSION'
>;

export interface ProviderDeps {
  db: Db;
  config: ProviderConfig;
}

export interface ProviderTarget {
  provider: MessagingProvider;
  from: string;
  statusCallback?: string;
}

/** The number's provider with the tenant's decrypted credentials. */
export async function loadProvider(
  { db, config }: ProviderDeps,
  { tenantId, numberId }: { tenantId: string; numberId: string },
): Promise<ProviderTarget> {
  const key = parseEncryptionKey(config.ENCRYPTION_KEY);
  const number = await db.WhatsAppNumber.findOne(tenantFilter({ tenantId }, { _id: numberId })).lean();
  if (!number) {
    throw new ProviderSendError('ProviderRejected', 'This WhatsApp number is no longer connected', {
      retryable: false,
      definitelyNotSent: true,
    });
  }
  if (number.provider === 'meta') {
    if (!number.meta?.phoneNumberId || !number.meta.accessTokenEncrypted) {
      throw new ProviderSendError('BadCredentials', 'This Meta number has no phone number id or access token', {
        retryable: false,
        definitelyNotSent: true,
      });
    }
    return {
      provider: metaMessagingProvider({
        baseUrl: config.META_GRAPH_BASE_URL,
        version: config.META_GRAPH_VERSION,
        phoneNumberId: number.meta.phoneNumberId,
        accessToken: decryptSecret(number.meta.accessTokenEncrypted, key),
        businessAccountId: number.meta.businessAccountId ?? undefined,
      }),
      from: number.address,
    };
  }
  const [integration, tenant] = await Promise.all([
    db.TwilioIntegration.findOne(tenantFilter({ tenantId })).lean(),
    db.Tenant.findById(tenantId, { slug: 1 }).lean(),
  ]);
  if (!integration || !tenant) {
    throw new ProviderSendError('BadCredentials', 'This tenant has no Twilio integration', {
      retryable: false,
      definitelyNotSent: true,
    });
  }
  const client = createTwilioClient(
    integration.accountSid,
    decryptSecret(integration.authTokenEncrypted, key),
    config.TWILIO_API_BASE_URL,
  );
  const callbackBaseUrl = twilioCallbackBaseUrl(config);
  return {
    provider: twilioMessagingProvider(client),
    from: number.address,
    statusCallback: callbackBaseUrl ? twilioWebhookUrl(callbackBaseUrl, tenant.slug) : undefined,
  };
}
