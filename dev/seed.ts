import { randomBytes } from 'node:crypto';
import { hashPassword } from '../core/auth/password';
import { encryptSecret, parseEncryptionKey } from '../core/crypto';
import type { Db } from '../core/db';
import type { Role } from '../core/db/models/user';

export const DEMO_PASSWORD = 'demo1234';
export const DEMO_TWILIO_ACCOUNT_SID = 'AC00000000000000000000000000000001';
export const DEMO_TWILIO_AUTH_TOKEN = 'demo-twilio-auth-token';
export const DEMO_NUMBER = 'whatsapp:+14155238886';
export const DEMO_AI_AGENT = 'Sales Assistant';

export interface SeedOptions {
  encryptionKey: string;
  twilioAccountSid?: string;
  twilioAuthToken?: string;
}

const TENANTS = [
  { slug: 'demo', name: 'Demo Company' },
  { slug: 'acme', name: 'Acme Inc.' },
];

const USERS: { email: string; name: string; tenant: string; role: Role }[] = [
  { email: 'owner@demo.test', name: 'Olivia Owner', tenant: 'demo', role: 'owner' },
  { email: 'admin@demo.test', name: 'Adam Admin', tenant: 'demo', role: 'admin' },
  { email: 'agent@demo.test', name: 'Ada Agent', tenant: 'demo', role: 'agent' },
  { email: 'owner@acme.test', name: 'Oscar Owner', tenant: 'acme', role: 'owner' },
];

/**
 * The demo data of the README. Idempotent: upserts by natural keys, so running
 * it again changes nothing and never duplicates.
 */
export async function seedDemo(db: Db, options: SeedOptions): Promise<void> {
  const tenantIds: Record<string, unknown> = {};
  for (const t of TENANTS) {
    const tenant = await db.Tenant.findOneAndUpdate(
      { slug: t.slug },
      { $setOnInsert: { slug: t.slug, name: t.name } },
      { upsert: true, new: true },
    );
    tenantIds[t.slug] = tenant._id;
  }

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const u of USERS) {
    const user = await db.User.findOneAndUpdate(
      { email: u.email },
      { $setOnInsert: { email: u.email, name: u.name, passwordHash } },
      { upsert: true, new: true },
    );
    await db.Membership.updateOne(
      { tenantId: tenantIds[u.tenant], userId: user._id },
      { $setOnInsert: { role: u.role } },
      { upsert: true },
    );
  }

  const demoId = tenantIds.demo;
  const key = parseEncryptionKey(options.encryptionKey);
  await db.TwilioIntegration.updateOne(
    { tenantId: demoId },
    {
      $setOnInsert: {
        accountSid: options.twilioAccountSid ?? DEMO_TWILIO_ACCOUNT_SID,
        authTokenEncrypted: encryptSecret(options.twilioAuthToken ?? DEMO_TWILIO_AUTH_TOKEN, key),
        status: 'connected',
      },
    },
    { upsert: true },
  );
  const aiAgent = await db.AiAgent.findOneAndUpdate(
    { tenantId: demoId, name: DEMO_AI_AGENT },
    {
      $setOnInsert: {
        systemPrompt:
          'You are the friendly sales assistant of Demo Company. Answer briefly, in the customer’s language. Hand off to a person when asked.',
        model: 'gpt-4o-mini',
        channels: { whatsapp: true },
      },
    },
    { upsert: true, new: true },
  );
  await db.WhatsAppNumber.updateOne(
    { tenantId: demoId, address: DEMO_NUMBER },
    { $setOnInsert: { provider: 'twilio', displayName: 'Sales Support', active: true, aiAgentId: aiAgent._id } },
    { upsert: true },
  );
  // By title, inserted once: a title edited or deleted on the page stays so (the seed runs on every start).
  for (const c of DEMO_CANNED_RESPONSES) {
    await db.CannedResponse.updateOne(
      { tenantId: demoId, title: c.title },
      { $setOnInsert: { text: c.text } },
      { upsert: true },
    );
  }
}

/** The demo tenant's saved replies (ADR 0115), one per placeholder at least. */
export const DEMO_CANNED_RESPONSES = [
  {
    title: 'Greeting',
    text: 'Hi {{customer.name}}, this is {{agent.name}} from {{number.name}}. How can I help you today?',
  },
  {
    title: 'Opening hours',
    text: 'We are open Monday to Friday, 9:00 to 18:00. Outside those hours we answer the next working day.',
  },
  {
    title: 'Call back',
    text: 'Thanks {{customer.name}}! {{agent.name}} will call you back on {{customer.phone}} today.',
  },
];

export interface DemoMetaOptions {
  encryptionKey: string;
  appSecret: string;
  accessToken: string;
  phoneNumberId: string;
  businessAccountId?: string;
}

/**
 * Real Meta credentials from `.env` (META_APP_SECRET, META_ACCESS_TOKEN,
 * META_PHONE_NUMBER_ID) become the demo tenant's Meta integration and number,
 * as TWILIO_* do for Twilio. `.env` wins over what is stored, and the sandbox's
 * Meta number (which only the local Graph API knows) is removed.
 */
export async function seedDemoMeta(db: Db, options: DemoMetaOptions): Promise<void> {
  const tenant = await db.Tenant.findOne({ slug: 'demo' }).lean();
  if (!tenant) return;
  const key = parseEncryptionKey(options.encryptionKey);
  await db.MetaIntegration.updateOne(
    { tenantId: tenant._id },
    {
      $set: { appSecretEncrypted: encryptSecret(options.appSecret, key) },
      $setOnInsert: { verifyToken: randomBytes(24).toString('base64url') },
    },
    { upsert: true },
  );
  await db.WhatsAppNumber.deleteMany({ tenantId: tenant._id, displayName: 'Meta Sandbox', provider: 'meta' });
  const aiAgent = await db.AiAgent.findOne({ tenantId: tenant._id, name: DEMO_AI_AGENT }).lean();
  await db.WhatsAppNumber.updateOne(
    { tenantId: tenant._id, address: `meta:${options.phoneNumberId}` },
    {
      $set: {
        'meta.phoneNumberId': options.phoneNumberId,
        'meta.businessAccountId': options.businessAccountId,
        'meta.accessTokenEncrypted': encryptSecret(options.accessToken, key),
      },
      $setOnInsert: {
        provider: 'meta',
        displayName: 'Meta',
        active: true,
        ...(aiAgent ? { aiAgentId: aiAgent._id } : {}),
      },
    },
    { upsert: true },
  );
}

/**
 * Real Twilio credentials from `.env` become the demo tenant's Twilio integration,
 * also when the database was seeded earlier with the sandbox's (`.env` wins).
 */
export async function seedDemoTwilio(
  db: Db,
  options: { encryptionKey: string; accountSid: string; authToken: string },
): Promise<void> {
  const tenant = await db.Tenant.findOne({ slug: 'demo' }).lean();
  if (!tenant) return;
  await db.TwilioIntegration.updateOne(
    { tenantId: tenant._id },
    {
      $set: {
        accountSid: options.accountSid,
        authTokenEncrypted: encryptSecret(options.authToken, parseEncryptionKey(options.encryptionKey)),
        status: 'connected',
      },
    },
    { upsert: true },
  );
}
