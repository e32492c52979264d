/**
 * `npm run bench -- inbound`: signed Twilio and Meta webhooks (half each) from N
 * distinct customers, open loop at a fixed rate and closed loop at a fixed
 * concurrency, against Helios (production build) and, in the same run, a bare
 * Express app that only verifies the signature. Reports ack p50/p95/p99, non-2xx,
 * throughput, the zero-loss check (every acked message is in the read model), store
 * lag and drain time; with the AI off and on.
 */
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import twilio from 'twilio';
import { DEMO_NUMBER, DEMO_TWILIO_ACCOUNT_SID, DEMO_TWILIO_AUTH_TOKEN } from '../dev/seed';
import { fakeMessageSid, inboundParams } from '../test/fakes/twilio-webhook';
import { metaChange, metaJson, metaPayload, wamid } from '../test/fakes/meta-webhook';
import { closedLoop, openLoop, percentile, round, summarize, type BenchRequest, type LoadResult } from './lib/load';
import { cpuBetween, cpuSnapshot } from './lib/cpu';
import { endProcess, errorLines, META_APP_SECRET, META_PHONE_NUMBER_ID, ROOT, startBenchStack } from './lib/stack';
import type { Db } from '../core/db';
import type { BenchArgs } from './run';

/** The longest a run waits for the backlog to reach the read model. */
const DRAIN_LIMIT_MS = 180_000;

export async function inbound(args: BenchArgs) {
  const rate = args.number('rate', 100);
  const concurrency = args.number('concurrency', 8);
  const durationMs = args.number('duration', 30) * 1000;
  const customers = args.number('customers', 500);
  const aiModes = args.string('ai', 'both') === 'both' ? [false, true] : [args.string('ai', 'off') === 'on'];
  const log = (line: string) => console.log(line);

  const bare = await startBare();
  const stack = await startBenchStack({ build: args.flag('build'), log, nodeArgs: args.profileArgs() });
  try {
    const makers = (baseUrl: string, tag: string) => requestMaker(baseUrl, customers, tag);
    const modes = args.string('mode', 'both');
    const loads = [
      { name: `open loop ${rate}/s`, run: (make: Maker) => openLoop(rate, durationMs, make) },
      { name: `concurrency ${concurrency}`, run: (make: Maker) => closedLoop(concurrency, durationMs, make) },
    ].filter((_, i) => modes === 'both' || (modes === 'open') === (i === 0));
    const rows: Record<string, unknown>[] = [];
    for (const load of loads) {
      log(`[bench] bare Express, ${load.name}…`);
      const baseline = summarize(await load.run(makers(bare.url, 'bare')));
      rows.push({ target: 'bare Express', ai: '-', ...baseline, uptime: loadAverage() });
      for (const ai of aiModes) {
        await stack.db.AiAgent.updateMany({}, { $set: { 'channels.whatsapp': ai } });
        log(`[bench] Helios, AI ${ai ? 'on' : 'off'}, ${load.name}…`);
        const errorsBefore = errorLines.count;
        const cpuBefore = cpuSnapshot();
        const result = await load.run(makers(stack.apiUrl, `h${rows.length}`));
        const summary = summarize(result);
        const stored = await drain(stack.db, result);
        const cpuSeconds = cpuBetween(cpuBefore, cpuSnapshot());
        rows.push({
          target: 'Helios',
          ai: ai ? 'on' : 'off',
          ...summary,
          ...stored,
          vsBare: round(summary.throughputPerS / baseline.throughputPerS, 3),
          loggedErrors: errorLines.count - errorsBefore,
          cpuSeconds,
          uptime: loadAverage(),
        });
      }
    }
    return {
      scenario: 'inbound',
      settings: { rate, concurrency, durationS: durationMs / 1000, customers, providers: 'twilio + meta, half each' },
      rows,
      errorSamples: errorLines.samples,
    };
  } finally {
    await stack.stop();
    await endProcess(bare.child);
  }
}

/**
 * `npm run bench -- scale-out`: the closed-loop inbound run (AI off) with one worker
 * process, then again after a second one joined the same task queue on the same
 * Temporal; the bare Express baseline in the same run.
 */
export async function scaleOut(args: BenchArgs) {
  const concurrency = args.number('concurrency', 16);
  const durationMs = args.number('duration', 15) * 1000;
  const customers = args.number('customers', 500);
  const log = (line: string) => console.log(line);
  const bare = await startBare();
  const stack = await startBenchStack({ build: args.flag('build'), log, nodeArgs: args.profileArgs() });
  try {
    await stack.db.AiAgent.updateMany({}, { $set: { 'channels.whatsapp': false } });
    log(`[bench] bare Express, concurrency ${concurrency}…`);
    const baseline = summarize(await closedLoop(concurrency, durationMs, requestMaker(bare.url, customers, 'bare')));
    const rows: Record<string, unknown>[] = [{ target: 'bare Express', workers: '-', ...baseline }];
    for (const workers of [1, 2]) {
      if (workers === 2) await stack.addWorker();
      log(`[bench] Helios, ${workers} worker(s)…`);
      const cpuBefore = cpuSnapshot();
      const result = await closedLoop(concurrency, durationMs, requestMaker(stack.apiUrl, customers, `w${workers}`));
      const summary = summarize(result);
      const stored = await drain(stack.db, result);
      const drainedPerS = round((result.samples.length / (result.elapsedMs + (stored.drainMs || 0))) * 1000);
      rows.push({
        target: 'Helios',
        workers,
        ...summary,
        ...stored,
        // Acked and stored per second of load + drain: what the workers' side gets through.
        storedPerS: drainedPerS,
        vsBare: round(summary.throughputPerS / baseline.throughputPerS, 3),
        cpuSeconds: cpuBetween(cpuBefore, cpuSnapshot()),
        uptime: loadAverage(),
      });
    }
    return {
      scenario: 'scale-out',
      settings: { concurrency, durationS: durationMs / 1000, customers, ai: 'off' },
      rows,
    };
  } finally {
    await stack.stop();
    await endProcess(bare.child);
  }
}

type Maker = (i: number) => BenchRequest;

/** Even i: a Twilio webhook; odd i: a Meta one; customer i mod N. */
function requestMaker(baseUrl: string, customers: number, tag: string): Maker {
  return (i): BenchRequest => {
    const customer = 34_600_000_000 + (i % customers);
    const text = `bench ${tag} ${i}`;
    if (i % 2 === 0) {
      const url = `${baseUrl}/webhooks/twilio/demo`;
      const sid = fakeMessageSid();
      const params = inboundParams({
        accountSid: DEMO_TWILIO_ACCOUNT_SID,
        from: `whatsapp:+${customer}`,
        to: DEMO_NUMBER,
        body: text,
        messageSid: sid,
      });
      return {
        id: sid,
        url,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilio.getExpectedTwilioSignature(DEMO_TWILIO_AUTH_TOKEN, url, params),
        },
        body: new URLSearchParams(params).toString(),
      };
    }
    const id = wamid();
    const body = metaJson(
      metaPayload(metaChange(META_PHONE_NUMBER_ID, { messages: [{ from: String(customer), text, id }] })),
    );
    return {
      id,
      url: `${baseUrl}/webhooks/meta/demo`,
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': `sha256=${createHmac('sha256', META_APP_SECRET).update(body).digest('hex')}`,
      },
      body,
    };
  };
}

/**
 * Waits until every acked message is in the read model (bounded), then measures
 * store lag (stored − acked, per message) and the drain time (last stored − last ack).
 */
async function drain(db: Db, result: LoadResult) {
  const acked = result.samples.filter((s) => s.status >= 200 && s.status < 300);
  const ackedAt = new Map(acked.map((s) => [s.id, s.ackedAt]));
  const storedAt = new Map<string, number>();
  const deadline = Date.now() + DRAIN_LIMIT_MS;
  let missing = [...ackedAt.keys()];
  while (missing.length > 0 && Date.now() < deadline) {
    for (let i = 0; i < missing.length; i += 1000) {
      const docs = await db.Message.find({ providerMessageId: { $in: missing.slice(i, i + 1000) } })
        .select({ providerMessageId: 1, createdAt: 1 })
        .lean();
      for (const d of docs) storedAt.set(d.providerMessageId, (d.createdAt as Date).getTime());
    }
    missing = missing.filter((id) => !storedAt.has(id));
    if (missing.length > 0) await new Promise((r) => setTimeout(r, 500));
  }
  const lags = [...storedAt].map(([id, at]) => at - ackedAt.get(id)!);
  const lastAck = Math.max(...acked.map((s) => s.ackedAt));
  const lastStored = Math.max(...storedAt.values());
  return {
    stored: `${storedAt.size}/${acked.length}`,
    zeroLoss: storedAt.size === acked.length,
    storeLagP50Ms: round(percentile(lags, 50)),
    storeLagP95Ms: round(percentile(lags, 95)),
    drainMs: Number.isFinite(lastStored) ? Math.max(0, lastStored - lastAck) : NaN,
  };
}

async function startBare() {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/lib/bare-express.ts')], {
    cwd: ROOT,
    env: { ...process.env, BARE_TWILIO_AUTH_TOKEN: DEMO_TWILIO_AUTH_TOKEN, BARE_META_APP_SECRET: META_APP_SECRET },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/listening on (http:\/\/\S+)/);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the bare Express app exited (${code})`)));
  });
  return { child, url };
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}
