/**
 * The whole product for a benchmark, as users deploy it: the production build
 * (`node dist/api/main.js`, `node dist/worker/main.js`) on the local Temporal dev
 * server and FerretDB, with the Twilio, Meta and OpenAI fakes of test/fakes.
 * Everything listens on 127.0.0.1 and is stopped by `stop()`.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../core/config';
import { connectDb, type Db } from '../../core/db';
import { startLocalServices } from '../../dev/services';
import { seedDemo, seedDemoMeta, DEMO_TWILIO_ACCOUNT_SID, DEMO_TWILIO_AUTH_TOKEN } from '../../dev/seed';
import { FakeTwilio } from '../../test/fakes/twilio-api';
import { FakeMetaGraph } from '../../test/fakes/meta-graph';
import { startSandboxAi } from '../../dev/sandbox/ai';

export const ROOT = path.resolve(__dirname, '../..');
export const META_PHONE_NUMBER_ID = '109000000000001';
export const META_APP_SECRET = 'bench-meta-app-secret';

export interface BenchStack {
  config: Config;
  db: Db;
  apiUrl: string;
  twilio: FakeTwilio;
  meta: FakeMetaGraph;
  /** The sandbox OpenAI-compatible server the AI replies come from. */
  aiUrl: string;
  /** Starts one more worker process on the same task queue (scale-out). */
  addWorker(): Promise<void>;
  /** The store backend's own indexes (ADR 0130; a no-op on SQLite): call after seeding. */
  addStoreIndexes(): Promise<string[]>;
  /** Process ids, for `ps` / profiling. */
  pids(): Record<string, number | undefined>;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Skip `npm run build` when dist/ is there already. */
  build: boolean;
  /** Node flags for the api and worker processes (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** Settings over the defaults below (e.g. AI_DEBOUNCE_SECONDS). */
  env?: Record<string, string>;
  log: (line: string) => void;
}

export async function startBenchStack(options: StackOptions): Promise<BenchStack> {
  const { log } = options;
  if (options.build || !existsSync(path.join(ROOT, 'dist/api/main.js'))) {
    log('[bench] npm run build…');
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'helios-bench-'));
  const cleanups: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const services = await startLocalServices({ dataDir, headless: true, log });
    cleanups.push(() => services.stop());
    const twilio = await FakeTwilio.start([{ sid: DEMO_TWILIO_ACCOUNT_SID, authToken: DEMO_TWILIO_AUTH_TOKEN }]);
    cleanups.push(() => twilio.stop());
    const meta = await FakeMetaGraph.start();
    meta.acceptAnyToken = true;
    cleanups.push(() => meta.stop());
    const ai = await startSandboxAi();
    cleanups.push(() => ai.stop());

    const config = loadConfig({
      NODE_ENV: 'production',
      WEB_MODE: 'build',
      HOST: '127.0.0.1',
      PORT: '0',
      MONGODB_URI: services.mongoUri,
      MONGODB_DB: 'bench',
      TEMPORAL_ADDRESS: services.temporalAddress,
      TEMPORAL_TASK_QUEUE: `bench-${randomBytes(3).toString('hex')}`,
      ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      THREAD_KEY_SECRET: randomBytes(16).toString('hex'),
      SESSION_SECRET: randomBytes(16).toString('hex'),
      TWILIO_API_BASE_URL: twilio.url,
      META_GRAPH_BASE_URL: meta.url,
      OPENAI_API_KEY: 'sandbox',
      OPENAI_BASE_URL: `${ai.url}/v1`,
      INSIGHTS_ANALYSER: 'offline',
      ...options.env,
    });
    const db = await connectDb(config.MONGODB_URI, config.MONGODB_DB);
    cleanups.push(() => db.connection.close());
    await seedDemo(db, { encryptionKey: config.ENCRYPTION_KEY });
    await seedDemoMeta(db, {
      encryptionKey: config.ENCRYPTION_KEY,
      appSecret: META_APP_SECRET,
      accessToken: 'bench-meta-token',
      phoneNumberId: META_PHONE_NUMBER_ID,
    });
    const addStoreIndexes = () => services.addStoreIndexes(db);
    await addStoreIndexes();

    const env = processEnv(config);
    const nodeArgs = options.nodeArgs ?? [];
    const workers: ChildProcess[] = [];
    const addWorker = async () => {
      const worker = await startNode(
        'dist/worker/main.js',
        /\[worker\] polling task queue/,
        { ...env, WORKFLOW_BUNDLE_PATH: path.join(ROOT, 'dist/workflow-bundle.js') },
        nodeArgs,
      );
      workers.push(worker.child);
      cleanups.push(() => endProcess(worker.child));
    };
    await addWorker();
    const api = await startNode('dist/api/main.js', /\[api\] listening on (http:\/\/\S+)/, env, nodeArgs);
    cleanups.push(() => endProcess(api.child));
    return {
      config,
      db,
      apiUrl: api.match[1],
      twilio,
      meta,
      aiUrl: ai.url,
      addWorker,
      addStoreIndexes,
      pids: () => ({
        api: api.child.pid,
        ...Object.fromEntries(workers.map((w, i) => [`worker${i + 1}`, w.pid])),
      }),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function processEnv(config: Config): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '' };
  for (const [key, value] of Object.entries(config)) if (value !== undefined) env[key] = String(value);
  return env;
}

/** Lines a process logged that look like errors: part of a benchmark's result, not noise. */
export const errorLines: { count: number; samples: string[] } = { count: 0, samples: [] };

/** Starts `node <script>` and resolves once a line of its output matches `ready`. */
export async function startNode(
  script: string,
  ready: RegExp,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, script)], {
    cwd: ROOT,
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    let started = false;
    const timer = setTimeout(() => fail(new Error(`${script} not ready after 60 s:\n${output.slice(-2000)}`)), 60_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      if (started) return;
      child.kill('SIGKILL');
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      if (started) {
        for (const line of chunk.toString().split('\n')) {
          if (!/error|fail|E11000/i.test(line)) continue;
          errorLines.count += 1;
          if (errorLines.samples.length < 5) errorLines.samples.push(`${script}: ${line.slice(0, 300)}`);
        }
        return;
      }
      output += chunk.toString();
      const match = output.match(ready);
      if (match) {
        started = true;
        clearTimeout(timer);
        resolve({ child, match });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => fail(new Error(`${script} exited (${code}):\n${output.slice(-2000)}`)));
  });
}

export function endProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => (clearTimeout(timer), resolve()));
    child.kill('SIGTERM');
  });
}
