/**
 * The customer's phone, in a browser tab: pick one of the business's numbers and
 * a customer identity, write, and see the business's replies (AI and human) with
 * their delivery ticks. Every message it sends is a provider webhook posted to
 * the app's public route: for a Twilio number signed with the tenant's auth
 * token (X-Twilio-Signature), for a Meta number with the tenant's App Secret
 * (X-Hub-Signature-256).
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import twilio from 'twilio';
import { z } from 'zod';
import { decryptSecret, parseEncryptionKey } from '../../core/crypto';
import type { Db } from '../../core/db';
import { e164Of, toWhatsAppAddress, InvalidPhoneNumberError } from '../../core/phone';
import { metaWebhookUrl, twilioWebhookUrl } from '../../core/services/webhook-urls';
import type { FakeMetaGraph } from '../../test/fakes/meta-graph';
import { metaChange, metaPayload, postMetaWebhook, wamid } from '../../test/fakes/meta-webhook';
import type { FakeTwilio } from '../../test/fakes/twilio-api';
import { APP_CSP, cspNonceOf, nonceSource, securityHeaders } from '../../api/security-headers';
import { postMetaStatus } from './meta';

export interface SimulatorOptions {
  appUrl: string;
  db: Db;
  encryptionKey: string;
  twilio: FakeTwilio;
  /** The local Graph API the worker sends Meta messages to; without it only Twilio numbers are offered. */
  meta?: FakeMetaGraph;
  /** Offer the Twilio numbers (default). Off when Twilio is real: replies would go to real phones. */
  offerTwilio?: boolean;
  port?: number;
}

export interface Simulator {
  url: string;
  stop(): Promise<void>;
}

interface CustomerMessage {
  id: string;
  number: string;
  customer: string;
  text: string;
  mediaUrl?: string;
  at: Date;
  /** What the app answered to the webhook: accepted, or the HTTP error. */
  delivery: 'accepted' | string;
}

export interface SandboxNumber {
  provider: 'twilio' | 'meta';
  tenantSlug: string;
  tenantName: string;
  address: string;
  displayName: string;
  active: boolean;
  /** Twilio: the account the webhook names. */
  accountSid?: string;
  /** Meta: the id the webhook routes by. */
  phoneNumberId?: string;
  /** What signs the webhooks: Twilio's auth token or Meta's App Secret. Never sent to the page. */
  secret: string;
}

const PAGE = readFileSync(path.join(__dirname, 'simulator.html'), 'utf8');
const SAMPLE_IMAGE = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200" viewBox="0 0 320 200"><rect width="320" height="200" fill="#dcf8c6"/><circle cx="80" cy="70" r="30" fill="#f4b400"/><path d="M0 200 L110 90 L190 170 L240 120 L320 200 Z" fill="#075e54"/><text x="160" y="190" font-family="sans-serif" font-size="14" text-anchor="middle" fill="#fff">sandbox photo</text></svg>`;

/** The page's one inline script and style carry the nonce; pictures may come from any provider's media URL. */
const SIMULATOR_CSP = {
  ...APP_CSP,
  'script-src': [nonceSource],
  'style-src': [nonceSource],
  'img-src': ["'self'", 'data:', 'http:', 'https:'],
};

function withNonce(page: string, nonce: string): string {
  return page.replace(/<(script|style)>/g, `<$1 nonce="${nonce}">`);
}

const sendSchema = z.object({
  number: z.string().min(1, 'Pick a business number'),
  customer: z.string().min(1, 'Enter the customer phone number'),
  profileName: z.string().max(80).optional(),
  text: z.string().max(4096).default(''),
  withImage: z.boolean().default(false),
  /** Share this location instead of (or beside) the text. */
  location: z
    .object({
      latitude: z.number().min(-90).max(90),
      longitude: z.number().min(-180).max(180),
      name: z.string().max(200).optional(),
      address: z.string().max(300).optional(),
    })
    .optional(),
  /** React to this message (its provider id) with `emoji`; an empty emoji removes the reaction. Meta only. */
  reactTo: z.string().min(1).optional(),
  emoji: z.string().max(16).default(''),
  /** Quote this message (its provider id) in the reply. */
  replyTo: z.string().min(1).optional(),
});

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  // It lists every tenant's sandbox numbers and signs webhooks with their secrets: a dev tool only.
  if (process.env.NODE_ENV === 'production')
    throw new Error('The customer simulator is a development-only sandbox tool; it does not start in production.');
  const { db, twilio: fakeTwilio, meta: fakeMeta } = options;
  const key = parseEncryptionKey(options.encryptionKey);
  const offered = { twilio: options.offerTwilio ?? true, meta: !!fakeMeta };
  const sent: CustomerMessage[] = [];
  const app = express();
  app.use(express.json({ limit: '64kb' }));

  let selfUrl = '';
  app.use(securityHeaders(SIMULATOR_CSP));
  app.get(['/', '/simulator'], (_req, res) => void res.type('html').send(withNonce(PAGE, cspNonceOf(res))));
  app.get('/media/sample.svg', (_req, res) => void res.type('image/svg+xml').send(SAMPLE_IMAGE));

  app.get('/api/numbers', async (_req, res, next) => {
    try {
      const numbers = await sandboxNumbers(db, key, offered);
      res.json({ numbers: numbers.map(({ secret: _secret, ...visible }) => visible) });
    } catch (error) {
      next(error);
    }
  });

  app.get('/api/conversation', (req, res) => {
    const number = String(req.query.number ?? '');
    const customer = String(req.query.customer ?? '');
    const phoneNumberId = number.startsWith('meta:') ? number.slice('meta:'.length) : undefined;
    const customerDigits = customer.replace(/^whatsapp:\+?/, '');
    const fromCustomer = sent
      .filter((m) => m.number === number && m.customer === customer)
      .map((m) => ({ ...m, direction: 'in' as const }));
    const toCustomer = fakeTwilio.messages
      .filter((m) => m.from === number && m.to === customer)
      .map((m) => ({
        id: m.sid,
        direction: 'out' as const,
        text: m.body ?? (m.contentSid ? `Template ${m.contentSid}` : ''),
        mediaUrl: m.mediaUrls[0],
        at: m.createdAt,
        status: m.status,
      }));
    const toCustomerViaMeta = (phoneNumberId ? (fakeMeta?.messages ?? []) : [])
      .filter((m) => m.phoneNumberId === phoneNumberId && m.to === customerDigits)
      .map((m) => ({
        id: m.id,
        direction: 'out' as const,
        text: m.text ?? (m.template ? `Template ${m.template.name}` : ''),
        mediaUrl: undefined,
        at: m.createdAt ?? new Date(0),
        status: m.status ?? 'accepted',
      }));
    res.json({
      messages: [...fromCustomer, ...toCustomer, ...toCustomerViaMeta].sort((a, b) => a.at.getTime() - b.at.getTime()),
    });
  });

  app.post('/api/send', async (req, res, next) => {
    try {
      const parsed = sendSchema.safeParse(req.body);
      if (!parsed.success) return void res.status(400).json({ error: parsed.error.issues[0].message });
      const input = parsed.data;
      if (!input.text.trim() && !input.withImage && !input.location && !input.reactTo)
        return void res.status(400).json({ error: 'Write a message, attach the image or share a location' });
      // What the simulator's own thread shows for what the customer sent.
      const shownText = input.reactTo
        ? input.emoji
          ? `Reacted ${input.emoji}`
          : 'Removed a reaction'
        : [input.text, input.location ? `📍 ${input.location.name ?? 'Location'}` : ''].filter(Boolean).join('\n');
      let customer: string;
      try {
        customer = toWhatsAppAddress(input.customer);
      } catch (error) {
        if (error instanceof InvalidPhoneNumberError) return void res.status(400).json({ error: error.message });
        throw error;
      }
      const number = (await sandboxNumbers(db, key, offered)).find((n) => n.address === input.number);
      if (!number) return void res.status(400).json({ error: `${input.number} is not a connected sandbox number` });
      if (number.provider === 'meta') {
        // Meta sends media as an id; the app looks it up and downloads it from the (local) Graph API.
        const mediaId = input.withImage ? fakeMeta!.addMedia(Buffer.from(SAMPLE_IMAGE), 'image/svg+xml') : undefined;
        const id = wamid();
        const response = await postMetaWebhook(
          metaWebhookUrl(options.appUrl, number.tenantSlug),
          number.secret,
          metaPayload(
            metaChange(number.phoneNumberId!, {
              messages: [
                {
                  from: e164Of(customer).slice(1),
                  text: input.text,
                  id,
                  name: input.profileName || 'Sandbox customer',
                  ...(mediaId ? { image: { id: mediaId, mimeType: 'image/svg+xml' } } : {}),
                  ...(input.location ? { location: input.location } : {}),
                  ...(input.reactTo ? { reaction: { messageId: input.reactTo, emoji: input.emoji } } : {}),
                  ...(input.replyTo ? { replyTo: input.replyTo } : {}),
                },
              ],
            }),
          ),
        );
        const delivery = response.ok
          ? 'accepted'
          : `the app answered ${response.status}: ${(await response.text()).slice(0, 200)}`;
        sent.push({
          id,
          number: number.address,
          customer,
          text: shownText,
          mediaUrl: mediaId ? `${selfUrl}/media/sample.svg` : undefined,
          at: new Date(),
          delivery,
        });
        return void res.status(response.ok ? 200 : 502).json({ id, delivery });
      }

      if (input.reactTo) {
        // Twilio's inbound webhook has no reaction parameters (ADR 0120): nothing to simulate.
        return void res
          .status(400)
          .json({ error: 'Twilio does not deliver WhatsApp reactions to webhooks (ADR 0120)' });
      }
      const messageSid = `SM${crypto.randomUUID().replace(/-/g, '')}`;
      const mediaUrl = input.withImage ? `${selfUrl}/media/sample.svg` : undefined;
      const params: Record<string, string> = {
        MessageSid: messageSid,
        SmsMessageSid: messageSid,
        AccountSid: number.accountSid!,
        From: customer,
        To: number.address,
        Body: input.text,
        NumMedia: mediaUrl ? '1' : '0',
        ...(mediaUrl ? { MediaUrl0: mediaUrl, MediaContentType0: 'image/svg+xml' } : {}),
        ProfileName: input.profileName || 'Sandbox customer',
        WaId: e164Of(customer).slice(1),
        ...(input.location
          ? {
              Latitude: String(input.location.latitude),
              Longitude: String(input.location.longitude),
              ...(input.location.name ? { Label: input.location.name } : {}),
              ...(input.location.address ? { Address: input.location.address } : {}),
            }
          : {}),
        ...(input.replyTo ? { OriginalRepliedMessageSid: input.replyTo } : {}),
      };
      const webhookUrl = twilioWebhookUrl(options.appUrl, number.tenantSlug);
      const response = await fetch(webhookUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilio.getExpectedTwilioSignature(number.secret, webhookUrl, params),
        },
        body: new URLSearchParams(params).toString(),
      });
      const delivery = response.ok
        ? 'accepted'
        : `the app answered ${response.status}: ${(await response.text()).slice(0, 200)}`;
      sent.push({
        id: messageSid,
        number: number.address,
        customer,
        text: shownText,
        mediaUrl,
        at: new Date(),
        delivery,
      });
      res.status(response.ok ? 200 : 502).json({ id: messageSid, delivery });
    } catch (error) {
      next(error);
    }
  });

  app.post('/api/read', async (req, res, next) => {
    try {
      const sid = String((req.body as { id?: unknown }).id ?? '');
      const viaMeta = fakeMeta?.messages.find((m) => m.id === sid);
      if (viaMeta) {
        const number = (await sandboxNumbers(db, key, { meta: true })).find(
          (n) => n.phoneNumberId === viaMeta.phoneNumberId,
        );
        if (!number) return void res.status(404).json({ error: 'That Meta number is no longer connected' });
        const status = await postMetaStatus(
          options.appUrl,
          { tenantSlug: number.tenantSlug, appSecret: number.secret, phoneNumberId: viaMeta.phoneNumberId },
          sid,
          'read',
        );
        if (status < 300) viaMeta.status = 'read';
        return void res.json({ callbackStatus: status });
      }
      const message = fakeTwilio.messages.find((m) => m.sid === sid);
      if (!message) return void res.status(404).json({ error: 'No such message from the business' });
      if (!message.statusCallback)
        return void res.status(409).json({ error: 'The business asked for no status callbacks on this message' });
      const status = await fakeTwilio.sendStatus(sid, 'read');
      res.json({ callbackStatus: status });
    } catch (error) {
      next(error);
    }
  });

  app.use(((error, _req, res, _next) => {
    console.error('[simulator]', error instanceof Error ? error.message : error);
    res.status(500).json({ error: 'The simulator failed; see the dev console.' });
  }) as express.ErrorRequestHandler);

  const server = http.createServer(app);
  await listenOnPreferredOrFree(server, options.port ?? 0);
  selfUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: selfUrl,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * The numbers connected in the app that the sandbox can play the customer for,
 * with the secret that signs their webhooks: the Twilio numbers (unless Twilio
 * is real), and the Meta numbers when the local Graph API is running.
 */
export async function sandboxNumbers(
  db: Db,
  key: Buffer,
  include: { twilio?: boolean; meta: boolean },
): Promise<SandboxNumber[]> {
  const providers = [...(include.twilio !== false ? ['twilio'] : []), ...(include.meta ? ['meta'] : [])];
  const numbers = await db.WhatsAppNumber.find({ provider: { $in: providers } })
    .sort({ displayName: 1 })
    .lean();
  const tenantIds = numbers.map((n) => n.tenantId);
  const [tenants, twilioIntegrations, metaIntegrations] = await Promise.all([
    db.Tenant.find({ _id: { $in: tenantIds } }).lean(),
    db.TwilioIntegration.find({ tenantId: { $in: tenantIds } }).lean(),
    db.MetaIntegration.find({ tenantId: { $in: tenantIds } }).lean(),
  ]);
  return numbers.flatMap((n): SandboxNumber[] => {
    const tenant = tenants.find((t) => String(t._id) === String(n.tenantId));
    if (!tenant) return [];
    const shared = {
      tenantSlug: tenant.slug,
      tenantName: tenant.name,
      address: n.address,
      displayName: n.displayName,
      active: Boolean(n.active),
    };
    if (n.provider === 'meta') {
      const integration = metaIntegrations.find((i) => String(i.tenantId) === String(n.tenantId));
      if (!integration || !n.meta?.phoneNumberId) return [];
      return [
        {
          ...shared,
          provider: 'meta',
          phoneNumberId: n.meta.phoneNumberId,
          secret: decryptSecret(integration.appSecretEncrypted, key),
        },
      ];
    }
    const integration = twilioIntegrations.find((i) => String(i.tenantId) === String(n.tenantId));
    if (!integration) return [];
    return [
      {
        ...shared,
        provider: 'twilio',
        accountSid: integration.accountSid,
        secret: decryptSecret(integration.authTokenEncrypted, key),
      },
    ];
  });
}

/** The preferred port (3100 in dev), or one the OS picks when another program holds it. */
function listenOnPreferredOrFree(server: http.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE' || port === 0) return reject(error);
      server.listen(0, '127.0.0.1', resolve);
    });
    server.listen(port, '127.0.0.1', resolve);
  });
}
