/**
 * The Meta half of sandbox mode: a demo-tenant Meta number whose sends go to the
 * local Graph API (test/fakes/meta-graph.ts, via META_GRAPH_BASE_URL), and the
 * signed status webhooks a phone network would cause, posted to the app's public
 * route POST /webhooks/meta/:tenant.
 */
import { encryptSecret, parseEncryptionKey } from '../../core/crypto';
import type { Db } from '../../core/db';
import { metaWebhookUrl } from '../../core/services/webhook-urls';
import type { FakeMetaTemplate } from '../../test/fakes/meta-graph';
import { metaChange, metaPayload, postMetaWebhook } from '../../test/fakes/meta-webhook';
import { DEMO_AI_AGENT } from '../seed';

export const SANDBOX_META_PHONE_NUMBER_ID = '100000000000001';
export const SANDBOX_META_NUMBER = `meta:${SANDBOX_META_PHONE_NUMBER_ID}`;
export const SANDBOX_META_APP_SECRET = 'sandbox-meta-app-secret';
export const SANDBOX_META_ACCESS_TOKEN = 'sandbox-meta-access-token';
export const SANDBOX_META_VERIFY_TOKEN = 'sandbox-meta-verify-token';
export const SANDBOX_META_BUSINESS_ACCOUNT_ID = 'SANDBOX_WABA';
/** The sandbox WhatsApp Business Account's templates (one still in review, so not offered). */
export const SANDBOX_META_TEMPLATES: FakeMetaTemplate[] = [
  {
    name: 'order_update',
    language: 'en',
    status: 'APPROVED',
    body: 'Hi {{1}}, your order {{2}} has an update. Reply to continue.',
  },
  { name: 'order_update', language: 'es', status: 'APPROVED', body: 'Hola {{1}}, tu pedido {{2}} tiene novedades.' },
  { name: 'winter_sale', language: 'en', status: 'PENDING', body: 'Winter sale, {{1}}!' },
];

/**
 * Gives the demo tenant a Meta integration and a "Meta Sandbox" number, unless
 * it already has them (a real Meta app saved under Integrations is never overwritten).
 */
export async function ensureSandboxMetaNumber(db: Db, encryptionKey: string, tenantSlug = 'demo'): Promise<void> {
  const tenant = await db.Tenant.findOne({ slug: tenantSlug }).lean();
  if (!tenant) return;
  const key = parseEncryptionKey(encryptionKey);
  await db.MetaIntegration.updateOne(
    { tenantId: tenant._id },
    {
      $setOnInsert: {
        appSecretEncrypted: encryptSecret(SANDBOX_META_APP_SECRET, key),
        verifyToken: SANDBOX_META_VERIFY_TOKEN,
      },
    },
    { upsert: true },
  );
  const aiAgent = await db.AiAgent.findOne({ tenantId: tenant._id, name: DEMO_AI_AGENT }).lean();
  await db.WhatsAppNumber.updateOne(
    { tenantId: tenant._id, address: SANDBOX_META_NUMBER },
    {
      $setOnInsert: {
        provider: 'meta',
        displayName: 'Meta Sandbox',
        active: true,
        ...(aiAgent ? { aiAgentId: aiAgent._id } : {}),
        meta: {
          phoneNumberId: SANDBOX_META_PHONE_NUMBER_ID,
          businessAccountId: SANDBOX_META_BUSINESS_ACCOUNT_ID,
          accessTokenEncrypted: encryptSecret(SANDBOX_META_ACCESS_TOKEN, key),
        },
      },
    },
    { upsert: true },
  );
}

/** Posts one signed status webhook for a message the business sent through Meta. */
export async function postMetaStatus(
  appUrl: string,
  target: { tenantSlug: string; appSecret: string; phoneNumberId: string },
  wamid: string,
  status: 'sent' | 'delivered' | 'read',
): Promise<number> {
  const response = await postMetaWebhook(
    metaWebhookUrl(appUrl, target.tenantSlug),
    target.appSecret,
    metaPayload(metaChange(target.phoneNumberId, { statuses: [{ id: wamid, status }] })),
  );
  return response.status;
}
