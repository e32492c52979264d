/**
 * `npm run dev`: the whole product on this machine. Starts Temporal (with its
 * UI) and a MongoDB-compatible server, seeds the demo tenant into an empty
 * database, then runs the worker and the api (with the UI) as two processes,
 * as in production. Ctrl-C stops everything.
 *
 * `npm run dev -- --postgres` puts FerretDB on a private PostgreSQL cluster instead of
 * SQLite (ADR 0130), with its own data directory so the two never mix.
 */
import 'dotenv/config';
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { connectDb, type Db } from '../core/db';
import { startLocalServices, storeBackendOf, type LocalServices } from './services';
import { loadOrCreateDevSecrets } from './dev-secrets';
import { seedDemo, seedDemoMeta, seedDemoTwilio, DEMO_TWILIO_AUTH_TOKEN, DEMO_PASSWORD } from './seed';
import { signedCurlExample } from './curl-example';
import { startSandbox, type Sandbox } from './sandbox';
import { startSandboxAi } from './sandbox/ai';
import type { FakeOpenAI } from '../test/fakes/openai';

const ROOT = path.resolve(__dirname, '..');
const STORE_BACKEND = process.argv.includes('--postgres')
  ? 'postgresql'
  : storeBackendOf(process.env.HELIOS_STORE_BACKEND);
const DATA_DIR = path.join(ROOT, STORE_BACKEND === 'sqlite' ? '.data/dev' : `.data/dev-${STORE_BACKEND}`);

async function main() {
  const secrets = loadOrCreateDevSecrets(DATA_DIR);
  const services = await startLocalServices({
    dataDir: DATA_DIR,
    temporalPort: 7233,
    temporalUiPort: 8233,
    mongoPort: 27017,
    storeBackend: STORE_BACKEND,
  });
  const children: ChildProcess[] = [];
  let sandbox: Sandbox | undefined;
  let sandboxAi: FakeOpenAI | undefined;
  let sandboxDb: Db | undefined;
  let stopping = false;
  const stopAll = once(async () => {
    stopping = true;
    console.log('\n[dev] stopping…');
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
    await sandbox?.stop();
    await sandboxAi?.stop();
    await sandboxDb?.connection.close();
    await services.stop();
    process.exit(0);
  });
  process.on('SIGINT', stopAll);
  process.on('SIGTERM', stopAll);

  // Another program on 3000 (e.g. a second checkout's dev): take a free port; the banner shows it.
  const port = await portOrFree(Number(process.env.PORT ?? 3000));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...secrets,
    NODE_ENV: 'development',
    PORT: String(port),
    MONGODB_URI: services.mongoUri,
    TEMPORAL_ADDRESS: services.temporalAddress,
    // The UI may have found 8233 taken: the chat's "Open in Temporal UI" follows it.
    ...(services.temporalUiUrl && !process.env.TEMPORAL_UI_URL ? { TEMPORAL_UI_URL: services.temporalUiUrl } : {}),
  };

  await seedIfEmpty(env, services);

  // No real Twilio credentials: the real SDK talks to the local sandbox instead.
  const twilioMode = env.TWILIO_API_BASE_URL || (env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN) ? 'real' : 'sandbox';
  // Meta: real when .env names a Meta app (or a Graph API of its own); else a sandbox number on a local Graph API.
  const metaFromEnv = env.META_APP_SECRET && env.META_ACCESS_TOKEN && env.META_PHONE_NUMBER_ID;
  const metaMode = metaFromEnv || env.META_GRAPH_BASE_URL ? 'real' : 'sandbox';
  await useRealCredentials(env, services, {
    twilio: twilioMode === 'real' && !env.TWILIO_API_BASE_URL,
    meta: !!metaFromEnv,
  });
  if (twilioMode === 'sandbox' || metaMode === 'sandbox') {
    sandboxDb = await connectDb(services.mongoUri, env.MONGODB_DB ?? 'helios');
    sandbox = await startSandbox({
      appUrl: `http://127.0.0.1:${port}`,
      db: sandboxDb,
      encryptionKey: env.ENCRYPTION_KEY as string,
      simulatorPort: Number(env.SIMULATOR_PORT ?? 3100),
      meta: metaMode === 'sandbox',
      offerTwilio: twilioMode === 'sandbox',
    });
    if (twilioMode === 'sandbox') env.TWILIO_API_BASE_URL = sandbox.twilio.url;
    if (sandbox.meta) env.META_GRAPH_BASE_URL = sandbox.meta.url;
  }

  // No OpenAI key: a local OpenAI-compatible sandbox answers (marked as such) and
  // hands off when asked for a person; insights use the offline analyser.
  if (!env.OPENAI_API_KEY) {
    sandboxAi = await startSandboxAi();
    env.OPENAI_API_KEY = 'sandbox';
    env.OPENAI_BASE_URL = `${sandboxAi.url}/v1`;
    env.INSIGHTS_ANALYSER = 'offline';
  }

  const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
  for (const [name, entry] of [
    ['worker', 'worker/main.ts'],
    ['api', 'api/main.ts'],
  ] as const) {
    const child = spawn(tsx, [path.join(ROOT, entry)], { cwd: ROOT, env, stdio: 'inherit' });
    child.once('exit', (code) => {
      if (!stopping && code !== 0 && code !== null) {
        console.error(`[dev] ${name} exited with code ${code}`);
        void stopAll();
      }
    });
    children.push(child);
  }

  const appUrl = `http://127.0.0.1:${port}`;
  await waitForHttp(`${appUrl}/healthz`, 60_000);
  printBanner(appUrl, services, env, { twilio: twilioMode, meta: metaMode }, sandbox, sandboxAi);
}

async function seedIfEmpty(env: NodeJS.ProcessEnv, services: LocalServices) {
  const db = await connectDb(services.mongoUri, env.MONGODB_DB ?? 'helios');
  try {
    if ((await db.Tenant.countDocuments()) === 0) {
      console.log('[dev] empty database: seeding the demo tenant');
      await seedDemo(db, {
        encryptionKey: env.ENCRYPTION_KEY as string,
        twilioAccountSid: env.TWILIO_ACCOUNT_SID,
        twilioAuthToken: env.TWILIO_AUTH_TOKEN,
      });
    }
    await services.addStoreIndexes(db);
  } finally {
    await db.connection.close();
  }
}

/** `.env`'s real provider credentials become the demo tenant's, even over an earlier sandbox seed. */
async function useRealCredentials(
  env: NodeJS.ProcessEnv,
  services: LocalServices,
  providers: { twilio: boolean; meta: boolean },
) {
  if (!providers.twilio && !providers.meta) return;
  const db = await connectDb(services.mongoUri, env.MONGODB_DB ?? 'helios');
  try {
    if (providers.twilio) {
      await seedDemoTwilio(db, {
        encryptionKey: env.ENCRYPTION_KEY as string,
        accountSid: env.TWILIO_ACCOUNT_SID as string,
        authToken: env.TWILIO_AUTH_TOKEN as string,
      });
    }
    if (providers.meta)
      await seedDemoMeta(db, {
        encryptionKey: env.ENCRYPTION_KEY as string,
        appSecret: env.META_APP_SECRET as string,
        accessToken: env.META_ACCESS_TOKEN as string,
        phoneNumberId: env.META_PHONE_NUMBER_ID as string,
        businessAccountId: env.META_BUSINESS_ACCOUNT_ID,
      });
  } finally {
    await db.connection.close();
  }
}

function printBanner(
  appUrl: string,
  services: LocalServices,
  env: NodeJS.ProcessEnv,
  modes: { twilio: 'real' | 'sandbox'; meta: 'real' | 'sandbox' },
  sandbox: Sandbox | undefined,
  sandboxAi: FakeOpenAI | undefined,
) {
  const curl = signedCurlExample(appUrl, env.TWILIO_AUTH_TOKEN ?? DEMO_TWILIO_AUTH_TOKEN, env.TWILIO_ACCOUNT_SID);
  console.log(`
──────────────────────────────────────────────────────────────
 Helios WhatsApp is running
   App          ${appUrl}/login
   Temporal UI  ${services.temporalUiUrl ?? '(external Temporal: ' + services.temporalAddress + ')'}
   MongoDB      ${services.mongoUri}
   Simulator    ${sandbox ? `${sandbox.simulator.url}/simulator   (be the customer: write to your numbers)` : '(off: real Twilio and Meta)'}
 Providers:
   Twilio       ${modes.twilio === 'sandbox' && sandbox ? `sandbox (local fake Twilio at ${sandbox.twilio.url}; set TWILIO_ACCOUNT_SID + TWILIO_AUTH_TOKEN for the real one)` : 'real Twilio'}
   OpenAI       ${sandboxAi ? `sandbox (replies marked [sandbox AI]; write "human" to hand off; insights offline; set OPENAI_API_KEY for the real one)` : `real (${env.OPENAI_BASE_URL ?? 'api.openai.com'})`}
   Meta         ${sandbox?.meta ? `sandbox (number "Meta Sandbox", local Graph API at ${sandbox.meta.url}; set META_APP_SECRET + META_ACCESS_TOKEN + META_PHONE_NUMBER_ID for the real one)` : `real (${env.META_GRAPH_BASE_URL ?? 'graph.facebook.com'}; webhook ${env.PUBLIC_BASE_URL ?? appUrl}/webhooks/meta/demo)`}
 Demo logins (password ${DEMO_PASSWORD}):
   owner@demo.test · admin@demo.test · agent@demo.test · owner@acme.test
 Post a customer message (correctly signed Twilio webhook):

${curl}

 Then open ${appUrl}/app/demo/whatsapp. Ctrl-C stops everything.
──────────────────────────────────────────────────────────────
`);
}

async function waitForHttp(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

function portOrFree(preferred: number): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => {
      const free = net.createServer();
      free.listen(0, '127.0.0.1', () => {
        const { port } = free.address() as net.AddressInfo;
        free.close(() => resolve(port));
      });
    });
    probe.listen(preferred, '127.0.0.1', () => probe.close(() => resolve(preferred)));
  });
}

function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= fn());
}

main().catch((err) => {
  console.error('[dev] failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
