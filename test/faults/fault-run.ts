/**
 * `npm run test:faults`: the production topology under a steady stream of signed
 * Twilio webhooks, through three faults in turn:
 *   (a) the worker is SIGKILLed and restarted,
 *   (b) the MongoDB-compatible server (FerretDB) is stopped for 10 s and restarted on its data,
 *   (c) Temporal is stopped for 10 s and restarted on its SQLite file.
 * Real Temporal dev server + FerretDB (dev/services), the api and the worker as
 * separate processes, the Twilio and OpenAI fakes; the AI answers every customer.
 * It prints what the api answered during each fault, how long recovery took, and
 * exits non-zero on a lost or doubly stored message, a reply sent twice, a 2xx
 * while a dependency was down, a 4xx/500 (a provider would not retry / a bug), or
 * an api process that died. Why it works this way: docs/decisions/0100.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../core/config';
import { connectDb, type Db } from '../../core/db';
import { startLocalServices, type ServerControl } from '../../dev/services';
import { DEMO_NUMBER, DEMO_TWILIO_ACCOUNT_SID, DEMO_TWILIO_AUTH_TOKEN, seedDemo } from '../../dev/seed';
import { FakeOpenAI } from '../fakes/openai';
import { FakeTwilio } from '../fakes/twilio-api';
import { startApiProcess, startWorkerProcess, type WorkerProcess } from '../helpers/processes';
import { startTwilioLoad, type Delivery } from './twilio-load';

const ROOT = path.resolve(__dirname, '../..');
const RATE_PER_SECOND = 20;
const CUSTOMERS = 40;
const OUTAGE_MS = 10_000;

/**
 * When each fault starts, from the start of the load, how long the load runs, and how
 * long the backlog may then take to be stored (a bound, not a goal). `--quick` (what
 * .ci/run calls) keeps the rate, the three faults, their 10 s and every check, with a
 * shorter steady phase between them: fewer messages to catch up on afterwards.
 */
const PROFILES = {
  full: { schedule: { worker: 8_000, mongo: 25_000, temporal: 50_000 }, loadMs: 75_000, drainLimitMs: 180_000 },
  quick: { schedule: { worker: 3_000, mongo: 8_000, temporal: 32_000 }, loadMs: 46_000, drainLimitMs: 120_000 },
};
const PROFILE = process.argv.includes('--quick') ? 'quick' : 'full';
const { schedule: SCHEDULE, loadMs: LOAD_MS, drainLimitMs: DRAIN_LIMIT_MS } = PROFILES[PROFILE];
/** After the backlog: how long the replies may take to go out. */
const REPLIES_QUIET_MS = 5_000;
const REPLIES_LIMIT_MS = 60_000;
const READYZ_EVERY_MS = 1_000;
const READYZ_TIMEOUT_MS = 10_000;

type Dependency = 'worker' | 'mongo' | 'temporal';

interface Fault {
  name: string;
  dependency: Dependency;
  /** The dependency went away (stop resolved / SIGKILL delivered). */
  downAt: number;
  /** Its restart was issued. */
  backAt: number;
  /** Its restart resolved (server ready, worker polling). */
  readyAt: number;
}

interface ReadyzProbe {
  at: number;
  outcome: number | 'timeout' | 'network';
  body?: Record<string, boolean>;
}

async function main(): Promise<number> {
  const runStarted = Date.now();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'helios-faults-'));
  const log = (line: string) => console.log(`[faults] ${line}`);
  const cleanups: Array<() => Promise<unknown>> = [];
  let failed = true;
  try {
    const services = await startLocalServices({ dataDir, headless: true, log });
    cleanups.push(() => services.stop());
    const { temporal: temporalServer, mongo: mongoServer } = services.servers;
    if (!temporalServer || !mongoServer) {
      throw new Error('The fault run stops and restarts the servers itself: unset TEMPORAL_ADDRESS and MONGODB_URI.');
    }

    const bundlePath = buildOnce(dataDir, log);
    const config = loadConfig({
      NODE_ENV: 'test',
      MONGODB_URI: services.mongoUri,
      MONGODB_DB: 'faults',
      TEMPORAL_ADDRESS: services.temporalAddress,
      TEMPORAL_TASK_QUEUE: 'faults',
      ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      THREAD_KEY_SECRET: randomBytes(16).toString('hex'),
      SESSION_SECRET: randomBytes(16).toString('hex'),
    });
    const db = await connectDb(config.MONGODB_URI, config.MONGODB_DB);
    cleanups.push(() => db.connection.close());
    await seedDemo(db, { encryptionKey: config.ENCRYPTION_KEY });

    const twilio = await FakeTwilio.start([{ sid: DEMO_TWILIO_ACCOUNT_SID, authToken: DEMO_TWILIO_AUTH_TOKEN }]);
    cleanups.push(() => twilio.stop());
    const openai = await FakeOpenAI.start();
    cleanups.push(() => openai.stop());

    const api = await startApiProcess(config);
    cleanups.push(() => api.stop());
    const workerEnv = {
      WORKFLOW_BUNDLE_PATH: bundlePath,
      TWILIO_API_BASE_URL: twilio.url,
      OPENAI_API_KEY: 'sk-fault-run',
      OPENAI_BASE_URL: `${openai.url}/v1`,
      // Customers write every 2 s on average: a 1 s quiet period answers most messages.
      AI_DEBOUNCE_SECONDS: '1',
      // Status callbacks to the api (the worker process does not know the api's port).
      PUBLIC_BASE_URL: api.url,
    };
    let worker: WorkerProcess = await startWorkerProcess(config, workerEnv);
    cleanups.push(() => worker.kill());
    const processLogs = () => {
      writeFileSync(path.join(dataDir, 'api.log'), api.output());
      writeFileSync(path.join(dataDir, 'worker.log'), worker.output());
    };
    cleanups.push(async () => processLogs());

    const customers = Array.from({ length: CUSTOMERS }, (_, i) => `whatsapp:+3460010${String(i).padStart(4, '0')}`);
    log(
      `${PROFILE} profile; load: ${RATE_PER_SECOND} msg/s for ${LOAD_MS / 1000} s from ${CUSTOMERS} customers; faults at ${Object.values(
        SCHEDULE,
      )
        .map((t) => `${t / 1000} s`)
        .join(', ')}`,
    );
    const load = startTwilioLoad({
      webhookUrl: `${api.url}/webhooks/twilio/demo`,
      accountSid: DEMO_TWILIO_ACCOUNT_SID,
      authToken: DEMO_TWILIO_AUTH_TOKEN,
      to: DEMO_NUMBER,
      customers,
      perSecond: RATE_PER_SECOND,
      durationMs: LOAD_MS,
    });
    const loadStarted = Date.now();
    const stored = trackStored(db, load.deliveries);
    const readyz = probeReadyz(api.url);

    const faults: Fault[] = [];
    const at = (offset: number) => sleep(Math.max(0, loadStarted + offset - Date.now()));

    await at(SCHEDULE.worker);
    log('(a) SIGKILL the worker, start a new one');
    await worker.kill();
    const workerDownAt = Date.now();
    worker = await startWorkerProcess(config, workerEnv);
    faults.push({
      name: '(a) worker SIGKILL + restart',
      dependency: 'worker',
      downAt: workerDownAt,
      backAt: workerDownAt,
      readyAt: Date.now(),
    });

    await at(SCHEDULE.mongo);
    faults.push(await outage('(b) FerretDB down 10 s', 'mongo', mongoServer, log));
    await at(SCHEDULE.temporal);
    faults.push(await outage('(c) Temporal down 10 s', 'temporal', temporalServer, log));

    await load.done;
    readyz.stop();
    log('load finished; waiting for the backlog to be stored and the replies to go out');
    await stored.drained(DRAIN_LIMIT_MS);
    stored.stop();
    await repliesSettled(db, twilio);

    const report = await verify({ db, twilio, deliveries: load.deliveries, storedAt: stored.storedAt, faults });
    report.failures.push(...judgeReadyz(readyz.probes, faults));
    if (api.exited()) report.failures.push(`the api process exited (${api.exited()})`);
    if (worker.exited()) report.failures.push(`the worker process exited (${worker.exited()})`);
    printReport(report, faults, readyz.probes, Date.now() - runStarted);
    writeFileSync(path.join(dataDir, 'fault-run.json'), JSON.stringify({ ...report, faults }, null, 2));
    failed = report.failures.length > 0;
    return failed ? 1 : 0;
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    if (failed) console.log(`[faults] servers' and processes' logs kept in ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The UI (the api serves it; this run does not use it, so an existing build will do) and the workflow bundle. */
function buildOnce(dataDir: string, log: (line: string) => void): string {
  if (!existsSync(path.join(ROOT, 'build/web/server/index.js'))) {
    log('building the UI…');
    execFileSync(path.join(ROOT, 'node_modules/.bin/remix'), ['vite:build', '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  log('bundling the workflows…');
  const bundlePath = path.join(dataDir, 'workflow-bundle.js');
  execFileSync(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'worker/build-bundle.ts'), bundlePath], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return bundlePath;
}

async function outage(name: string, dependency: Dependency, server: ServerControl, log: (line: string) => void) {
  log(`${name}: stopping`);
  await server.stop();
  const downAt = Date.now();
  await sleep(OUTAGE_MS);
  log(`${name}: starting again`);
  const backAt = Date.now();
  await server.start();
  return { name, dependency, downAt, backAt, readyAt: Date.now() };
}

/** Notes when each acknowledged message first shows up in the messages collection. */
function trackStored(db: Db, deliveries: Delivery[]) {
  const storedAt = new Map<string, number>();
  let running = true;
  const pending = () => deliveries.filter((d) => d.ackedAt !== undefined && !storedAt.has(d.sid));
  const loop = (async () => {
    while (running) {
      const ids = pending().map((d) => `twilio:${d.sid}`);
      if (ids.length > 0) {
        try {
          const found = await db.Message.find({ _id: { $in: ids } }, { _id: 1 }).lean();
          const now = Date.now();
          for (const { _id } of found) storedAt.set(String(_id).slice('twilio:'.length), now);
        } catch {
          // the database is down: try again
        }
      }
      await sleep(250);
    }
  })();
  return {
    storedAt,
    async drained(limitMs: number) {
      const deadline = Date.now() + limitMs;
      while (pending().length > 0 && Date.now() < deadline) await sleep(250);
    },
    stop() {
      running = false;
      return loop;
    },
  };
}

/** `GET /readyz` once a second: it must say which dependency is down (503), and answer at all. */
function probeReadyz(apiUrl: string) {
  const probes: ReadyzProbe[] = [];
  let running = true;
  void (async () => {
    while (running) {
      const at = Date.now();
      try {
        const res = await fetch(`${apiUrl}/readyz`, { signal: AbortSignal.timeout(READYZ_TIMEOUT_MS) });
        probes.push({ at, outcome: res.status, body: (await res.json()) as Record<string, boolean> });
      } catch (err) {
        probes.push({ at, outcome: (err as Error).name === 'TimeoutError' ? 'timeout' : 'network' });
      }
      await sleep(Math.max(0, at + READYZ_EVERY_MS - Date.now()));
    }
  })();
  return { probes, stop: () => (running = false) };
}

/** The replies are out once nothing is pending and Twilio got nothing new for a while (bounded). */
async function repliesSettled(db: Db, twilio: FakeTwilio) {
  const deadline = Date.now() + REPLIES_LIMIT_MS;
  let count = -1;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    const pending = await db.Message.countDocuments({
      direction: 'outbound',
      status: 'pending',
      sendAttemptedAt: null,
    });
    if (twilio.messages.length !== count || pending > 0) {
      count = twilio.messages.length;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= REPLIES_QUIET_MS) return;
    await sleep(500);
  }
}

interface FaultFigures {
  name: string;
  answersWhileDown: Record<string, number>;
  okWhileDown: number;
  firstOkAfterMs: number | null;
  backlog: number;
  backlogStoredAfterMs: number | null;
}

interface Report {
  sent: number;
  acknowledged: number;
  retried: number;
  gaveUp: number;
  answers: Record<string, number>;
  stored: number;
  lost: number;
  storedTwice: number;
  conversations: number;
  customers: number;
  replies: number;
  repliesSentTwice: number;
  repliesOutcomeUnknown: number;
  perFault: FaultFigures[];
  failures: string[];
}

async function verify(input: {
  db: Db;
  twilio: FakeTwilio;
  deliveries: Delivery[];
  storedAt: Map<string, number>;
  faults: Fault[];
}): Promise<Report> {
  const { db, twilio, deliveries, storedAt, faults } = input;
  const failures: string[] = [];
  const attempts = deliveries.flatMap((d) => d.attempts);
  const answers = countBy(attempts.map((a) => String(a.outcome)));

  const acked = deliveries.filter((d) => d.ackedAt !== undefined);
  const inbound = await db.Message.find({ direction: 'inbound' }, { providerMessageId: 1 }).lean();
  const copies = countBy(inbound.map((m) => m.providerMessageId));
  const lost = acked.filter((d) => !copies[d.sid]);
  const storedTwice = Object.values(copies).filter((n) => n > 1).length;
  if (lost.length) failures.push(`${lost.length} acknowledged message(s) never stored, e.g. ${lost[0].sid}`);
  if (storedTwice) failures.push(`${storedTwice} message(s) stored more than once`);
  const gaveUp = deliveries.filter((d) => d.gaveUp);
  if (gaveUp.length) failures.push(`${gaveUp.length} message(s) never acknowledged within the retry budget`);

  for (const [outcome, n] of Object.entries(answers)) {
    const status = Number(outcome);
    if (status >= 400 && status < 500) failures.push(`${n} answer(s) ${outcome}: a provider does not retry a 4xx`);
    if (status === 500) failures.push(`${n} answer(s) 500: an unexpected error, not a retryable outage`);
  }

  const customers = new Set(deliveries.map((d) => d.customer)).size;
  const conversations = await db.Conversation.countDocuments({});
  if (conversations !== customers) {
    failures.push(
      `${customers} customers wrote, but there are ${conversations} conversations (one thread each expected)`,
    );
  }

  // A reply sent twice reaches Twilio twice: same customer, same text (each AI reply quotes what it answers).
  const sends = countBy(twilio.messages.map((m) => `${m.to}\n${m.body}`));
  const repliesSentTwice = Object.values(sends).filter((n) => n > 1).length;
  if (repliesSentTwice) failures.push(`${repliesSentTwice} reply/replies sent to Twilio more than once`);
  const repliesOutcomeUnknown = await db.Message.countDocuments({ direction: 'outbound', status: 'pending' });

  const perFault = faults.map((fault) => figuresOf(fault, deliveries, storedAt));
  for (const f of perFault) {
    if (f.okWhileDown > 0)
      failures.push(`${f.name}: ${f.okWhileDown} webhook(s) answered 2xx while the dependency was down`);
  }

  return {
    sent: deliveries.length,
    acknowledged: acked.length,
    retried: deliveries.filter((d) => d.attempts.length > 1).length,
    gaveUp: gaveUp.length,
    answers,
    stored: inbound.length,
    lost: lost.length,
    storedTwice,
    conversations,
    customers,
    replies: twilio.messages.length,
    repliesSentTwice,
    repliesOutcomeUnknown,
    perFault,
    failures,
  };
}

function figuresOf(fault: Fault, deliveries: Delivery[], storedAt: Map<string, number>): FaultFigures {
  const attempts = deliveries.flatMap((d) => d.attempts);
  // Only attempts wholly inside the outage count as "while down"; the worker is not a webhook dependency.
  const whileDown =
    fault.dependency === 'worker'
      ? []
      : attempts.filter((a) => a.startedAt >= fault.downAt && a.endedAt <= fault.backAt);
  const okWhileDown = whileDown.filter((a) => isOk(a.outcome)).length;
  const firstOk =
    fault.dependency === 'worker'
      ? undefined
      : Math.min(...attempts.filter((a) => a.startedAt >= fault.backAt && isOk(a.outcome)).map((a) => a.endedAt));
  // The backlog: messages first sent before the dependency came back, not yet stored when it went away.
  const backlog = deliveries.filter(
    (d) => d.attempts[0].startedAt < fault.readyAt && !((storedAt.get(d.sid) ?? Infinity) < fault.downAt),
  );
  const storedTimes = backlog.map((d) => storedAt.get(d.sid) ?? Infinity);
  const lastStored = Math.max(...storedTimes);
  return {
    name: fault.name,
    answersWhileDown: countBy(whileDown.map((a) => String(a.outcome))),
    okWhileDown,
    firstOkAfterMs: firstOk === undefined || !Number.isFinite(firstOk) ? null : firstOk - fault.backAt,
    backlog: backlog.length,
    backlogStoredAfterMs: Number.isFinite(lastStored) ? lastStored - fault.backAt : null,
  };
}

/** While Mongo or Temporal is down, /readyz answers 503 naming it; it always answers. */
function judgeReadyz(probes: ReadyzProbe[], faults: Fault[]): string[] {
  const failures: string[] = [];
  const unanswered = probes.filter((p) => typeof p.outcome !== 'number');
  if (unanswered.length)
    failures.push(`/readyz gave no answer ${unanswered.length} time(s) (within ${READYZ_TIMEOUT_MS / 1000} s)`);
  for (const fault of faults.filter((f) => f.dependency !== 'worker')) {
    const during = probes.filter((p) => p.at >= fault.downAt && p.at + READYZ_TIMEOUT_MS <= fault.backAt);
    const wrong = during.filter(
      (p) => p.outcome !== 503 || p.body?.[fault.dependency === 'mongo' ? 'mongodb' : 'temporal'] !== false,
    );
    if (wrong.length)
      failures.push(`${fault.name}: /readyz answered ${wrong.map((p) => p.outcome).join(', ')} instead of 503`);
  }
  return failures;
}

function printReport(report: Report, faults: Fault[], probes: ReadyzProbe[], runMs: number) {
  const seconds = (ms: number | null) => (ms === null ? '—' : `${(ms / 1000).toFixed(1)} s`);
  const rows = [
    [
      'fault',
      'answers while down',
      '2xx while down',
      'first 2xx after restart',
      'backlog',
      'backlog stored after restart',
    ],
    ...report.perFault.map((f) => [
      f.name,
      Object.entries(f.answersWhileDown)
        .map(([k, v]) => `${k}×${v}`)
        .join(' ') || '—',
      faults.find((x) => x.name === f.name)?.dependency === 'worker' ? 'n/a' : String(f.okWhileDown),
      seconds(f.firstOkAfterMs),
      String(f.backlog),
      seconds(f.backlogStoredAfterMs),
    ]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  console.log('');
  for (const [i, row] of rows.entries()) {
    console.log(row.map((cell, c) => cell.padEnd(widths[c])).join(' | '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  }
  console.log('');
  console.log(
    `messages: ${report.sent} sent, ${report.acknowledged} acknowledged (${report.retried} after retries, ${report.gaveUp} given up), ` +
      `${report.stored} stored, ${report.lost} lost, ${report.storedTwice} stored twice`,
  );
  console.log(
    `answers: ${Object.entries(report.answers)
      .map(([k, v]) => `${k}×${v}`)
      .join(' ')}`,
  );
  console.log(`conversations: ${report.conversations} for ${report.customers} customers`);
  console.log(
    `replies: ${report.replies} sent to Twilio, ${report.repliesSentTwice} sent twice, ${report.repliesOutcomeUnknown} with an unknown outcome (not resent)`,
  );
  console.log(
    `readyz: ${Object.entries(countBy(probes.map((p) => String(p.outcome))))
      .map(([k, v]) => `${k}×${v}`)
      .join(' ')}`,
  );
  console.log(`run: ${(runMs / 1000).toFixed(0)} s in all`);
  const { failures } = report;
  console.log(
    failures.length ? `\nFAILED:\n${failures.map((f) => `  - ${f}`).join('\n')}` : '\nOK: no loss, no duplicate',
  );
}

const isOk = (outcome: number | string) => typeof outcome === 'number' && outcome >= 200 && outcome < 300;

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error('[faults] failed:', error);
    process.exit(1);
  },
);
