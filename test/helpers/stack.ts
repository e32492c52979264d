import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { DefaultLogger, Runtime, type NativeConnection, type Worker } from '@temporalio/worker';
import { loadConfig, type Config } from '../../core/config';
import { connectDb, type Db } from '../../core/db';
import { connectTemporalClient } from '../../core/temporal/client';
import { startApiServer } from '../../api/server';
import { createWorker } from '../../worker/create-worker';
import { seedDemo } from '../../dev/seed';

export interface TestStack {
  url: string;
  config: Config;
  db: Db;
  temporal: Client;
  /** Stops the worker (graceful shutdown), e.g. to show that work resumes on the next one. */
  stopWorker(): Promise<void>;
  startWorker(): Promise<void>;
  stop(): Promise<void>;
}

/** Settings every test process shares; the servers' addresses come from the global setup. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  const address = process.env.HELIOS_TEST_TEMPORAL_ADDRESS;
  const mongo = process.env.HELIOS_TEST_MONGODB_URI;
  if (!address || !mongo) throw new Error('Integration tests need the global setup (run them with `npm test`).');
  return loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    MONGODB_URI: mongo,
    TEMPORAL_ADDRESS: address,
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    THREAD_KEY_SECRET: randomBytes(16).toString('hex'),
    SESSION_SECRET: randomBytes(16).toString('hex'),
    ...overrides,
  });
}

/**
 * A whole app for one test file: its own database and its own task queue (so
 * its worker runs only its workflows), a worker, and the HTTP server with the UI.
 */
export async function startTestStack(
  name: string,
  options: { seed?: boolean; env?: Record<string, string> } = {},
): Promise<TestStack> {
  quietWorkerLogs();
  const suffix = randomBytes(4).toString('hex');
  const config = testConfig({
    MONGODB_DB: `test_${name}_${suffix}`,
    TEMPORAL_TASK_QUEUE: `test-${name}-${suffix}`,
    ...options.env,
  });
  const db = await connectDb(config.MONGODB_URI, config.MONGODB_DB);
  if (options.seed !== false) await seedDemo(db, { encryptionKey: config.ENCRYPTION_KEY });
  const temporal = await connectTemporalClient(config.TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE);
  const api = await startApiServer({ config, db, temporal }, 'build');
  // Like `npm run dev`: the worker knows the api's port, and derives the status-callback URL from it.
  const workerConfig = { ...config, PORT: Number(new URL(api.url).port) };
  let current: { worker: Worker; connection: NativeConnection; running: Promise<void> } | undefined;
  const startTheWorker = async () => {
    const { worker, connection } = await createWorker(
      {
        address: config.TEMPORAL_ADDRESS,
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        workflowBundlePath: process.env.HELIOS_TEST_WORKFLOW_BUNDLE,
      },
      { db, config: workerConfig },
    );
    current = { worker, connection, running: worker.run() };
  };
  const stopTheWorker = async () => {
    if (!current) return;
    const { worker, connection, running } = current;
    current = undefined;
    await stopWorker(worker, running);
    await connection.close();
  };
  await startTheWorker();

  return {
    url: api.url,
    config,
    db,
    temporal,
    startWorker: startTheWorker,
    stopWorker: stopTheWorker,
    async stop() {
      await api.close();
      await stopTheWorker();
      await terminateThreads(temporal, config.TEMPORAL_TASK_QUEUE);
      await temporal.connection.close();
      await db.connection.dropDatabase();
      await db.connection.close();
    },
  };
}

async function stopWorker(worker: Worker, running: Promise<void>) {
  if (worker.getState() === 'RUNNING') worker.shutdown();
  await running;
}

/** Long-lived threads would otherwise stay open in the shared dev server. */
async function terminateThreads(temporal: Client, taskQueue: string) {
  for await (const wf of temporal.workflow.list({
    query: `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'`,
  })) {
    await temporal.workflow
      .getHandle(wf.workflowId)
      .terminate('test finished')
      .catch(() => undefined);
  }
}

/** Polls until `check` returns a value (bounded: never loops forever). */
export async function eventually<T>(
  check: () => Promise<T | null | undefined | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Logs in through the real login form; returns the session cookie. */
export async function login(baseUrl: string, email: string, password = 'demo1234'): Promise<string> {
  const res = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password }).toString(),
    redirect: 'manual',
  });
  const cookie = res.headers.get('set-cookie');
  if (res.status !== 302 || !cookie) throw new Error(`Login as ${email} failed: HTTP ${res.status}`);
  return cookie.split(';')[0];
}

/** Worker lifecycle INFO lines drown the test output; warnings and errors still show. */
function quietWorkerLogs() {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // already installed in this test file
  }
}
