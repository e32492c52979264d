/**
 * Benchmark (not a test): how long from "the webhook was accepted" (Twilio got
 * its 200) to "the message is on the agent's screen", through the real path:
 * api process → Temporal → worker process → MongoDB → event log → SSE on the
 * api process → browser reloads the route's data → DOM.
 *
 * Run: npx tsx bench/live-latency.ts [messages=200]
 * The open page is the chat view of one customer's conversation; "rendered"
 * means the message's bubble is in the thread.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../core/config';
import { connectDb } from '../core/db';
import { startLocalServices } from '../dev/services';
import { seedDemo, DEMO_NUMBER, DEMO_TWILIO_ACCOUNT_SID, DEMO_TWILIO_AUTH_TOKEN } from '../dev/seed';
import { inboundParams, postTwilioWebhook } from '../test/fakes/twilio-webhook';
import { launchBrowser, signIn } from '../test/helpers/browser';
import { startApiProcess } from '../test/helpers/processes';

const ROOT = path.resolve(__dirname, '..');
const MESSAGES = Math.min(Number(process.argv[2] ?? 200), 2000);

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'helios-bench-'));
  const services = await startLocalServices({ dataDir, headless: true });
  const cleanups: Array<() => Promise<unknown>> = [() => services.stop()];
  try {
    console.log('[bench] building the UI…');
    execFileSync(path.join(ROOT, 'node_modules/.bin/remix'), ['vite:build', '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: 'ignore',
    });

    const config = loadConfig({
      NODE_ENV: 'test',
      MONGODB_URI: services.mongoUri,
      MONGODB_DB: 'bench',
      TEMPORAL_ADDRESS: services.temporalAddress,
      TEMPORAL_TASK_QUEUE: `bench-${randomBytes(3).toString('hex')}`,
      ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      THREAD_KEY_SECRET: randomBytes(16).toString('hex'),
      SESSION_SECRET: randomBytes(16).toString('hex'),
    });
    const db = await connectDb(config.MONGODB_URI, config.MONGODB_DB);
    await seedDemo(db, { encryptionKey: config.ENCRYPTION_KEY });
    cleanups.push(() => db.connection.close());

    const worker = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'worker/main.ts')], {
      cwd: ROOT,
      env: { ...process.env, ...stringEnv(config) },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    cleanups.push(() => new Promise((r) => (worker.once('exit', r), worker.kill('SIGTERM'))));
    const api = await startApiProcess(config);
    cleanups.push(() => api.stop());

    const browser = await launchBrowser();
    cleanups.push(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, api.url, 'agent@demo.test');
    // A first message opens the conversation the agent then keeps open.
    const webhookUrl = `${api.url}/webhooks/twilio/demo`;
    const customer = 'whatsapp:+34600009999';
    const send = (body: string) =>
      postTwilioWebhook(
        webhookUrl,
        DEMO_TWILIO_AUTH_TOKEN,
        inboundParams({ accountSid: DEMO_TWILIO_ACCOUNT_SID, from: customer, to: DEMO_NUMBER, body }),
      );
    if (!(await send('bench warm-up')).ok) throw new Error('the warm-up webhook failed');
    let conversationId: string | undefined;
    for (let tries = 0; tries < 300 && !conversationId; tries++) {
      conversationId = (await db.Conversation.findOne({ 'customer.address': customer }).lean())?._id;
      if (!conversationId) await new Promise((r) => setTimeout(r, 100));
    }
    if (!conversationId) throw new Error('the warm-up message never made a conversation');
    await page.goto(`${api.url}/app/demo/whatsapp/${conversationId}`);
    await page.getByText('bench warm-up').waitFor();
    // The page notes when each benchmark text first appears in the DOM.
    await page.evaluate(() => {
      const seen: Record<string, number> = {};
      (window as unknown as { __seen: Record<string, number> }).__seen = seen;
      new MutationObserver(() => {
        for (const match of document.body.innerText.matchAll(/bench-(\d+)-end/g)) seen[match[1]] ??= Date.now();
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });

    const latencies: number[] = [];
    console.log(`[bench] ${MESSAGES} messages, one at a time…`);
    for (let i = 1; i <= MESSAGES; i++) {
      const res = await send(`bench-${i}-end`);
      const accepted = Date.now();
      if (!res.ok) throw new Error(`webhook ${i} answered ${res.status}`);
      const handle = await page.waitForFunction(
        (n) => (window as unknown as { __seen: Record<string, number> }).__seen[n],
        String(i),
        { timeout: 30_000, polling: 'raf' },
      );
      latencies.push((await handle.jsonValue()) - accepted);
      if (i % 50 === 0) console.log(`[bench] ${i}/${MESSAGES}`);
    }

    const sorted = [...latencies].sort((a, b) => a - b);
    const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
    const result = {
      benchmark: 'webhook accepted → rendered in the open chat view',
      date: new Date().toISOString(),
      machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}`,
      processes: 'api and worker as separate processes; Temporal CLI dev server; FerretDB (SQLite)',
      messages: latencies.length,
      p50_ms: pct(50),
      p95_ms: pct(95),
      max_ms: sorted.at(-1),
      min_ms: sorted[0],
    };
    mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
    const file = path.join(ROOT, 'bench/results', `chat-latency-${result.date.slice(0, 10)}.json`);
    writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
    console.log(JSON.stringify(result, null, 2));
    console.log(`[bench] written to ${path.relative(ROOT, file)}`);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

function stringEnv(config: ReturnType<typeof loadConfig>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(config)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error('[bench] failed:', error);
    process.exit(1);
  },
);
