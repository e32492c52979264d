import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { connectDb, type Db } from '../../core/db';
import { connectTemporalClient } from '../../core/temporal/client';
import { seedDemo } from '../../dev/seed';
import { startLocalServices, type LocalServices } from '../../dev/services';
import { stateQuery } from '../../workflows/definitions';
import { createWorker } from '../../worker/create-worker';
import { newCustomer, signalInbound } from '../helpers/conversations';
import { recordHistories } from '../helpers/histories';
import { eventually, testConfig, type TestStack } from '../helpers/stack';

// A Temporal dev server of its own that suggests continueAsNew after 40 events.
let services: LocalServices;
let temporal: Client;
let db: Db;
let worker: Worker;
let connection: NativeConnection;
let running: Promise<void>;
let stack: TestStack;
const taskQueue = `test-can-${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  const mongoUri = process.env.HELIOS_TEST_MONGODB_URI!;
  const previous = process.env.MONGODB_URI;
  process.env.MONGODB_URI = mongoUri; // reuse the run's MongoDB-compatible server
  try {
    services = await startLocalServices({
      dataDir: mkdtempSync(path.join(os.tmpdir(), 'helios-can-')),
      headless: true,
      dynamicConfig: { 'limit.historyCount.suggestContinueAsNew': 40 },
      log: () => undefined,
    });
  } finally {
    if (previous === undefined) delete process.env.MONGODB_URI;
    else process.env.MONGODB_URI = previous;
  }
  const config = testConfig({
    TEMPORAL_ADDRESS: services.temporalAddress,
    MONGODB_DB: `test_can_${randomBytes(4).toString('hex')}`,
    TEMPORAL_TASK_QUEUE: taskQueue,
  });
  db = await connectDb(config.MONGODB_URI, config.MONGODB_DB);
  await seedDemo(db, { encryptionKey: config.ENCRYPTION_KEY });
  temporal = await connectTemporalClient(config.TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE);
  ({ worker, connection } = await createWorker(
    {
      address: config.TEMPORAL_ADDRESS,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue,
      workflowBundlePath: process.env.HELIOS_TEST_WORKFLOW_BUNDLE,
    },
    { db, config },
  ));
  running = worker.run();
  // The helpers need only these parts of a stack.
  stack = { db, temporal, config } as TestStack;
});

afterAll(async () => {
  await recordHistories(temporal, taskQueue, 'continue-as-new').catch((err) =>
    console.warn('recording histories failed', err),
  );
  worker?.shutdown();
  await running;
  await connection?.close();
  await temporal?.connection.close();
  await db?.connection.dropDatabase();
  await db?.connection.close();
  await services?.stop();
});

test('a long thread continues as new with its conversation, state and de-dup window intact', async () => {
  const from = newCustomer();
  const ids: string[] = [];
  let threadId = '';
  for (let i = 0; i < 12; i++) {
    const sent = await signalInbound(stack, from, `message ${i}`);
    ids.push(sent.providerMessageId);
    threadId = sent.threadId;
    // One at a time, so each message lands in a workflow task of its own and history grows.
    await eventually(() => db.Message.findOne({ providerMessageId: sent.providerMessageId }).lean(), `message ${i}`);
  }
  // The visibility store can lag behind the run on a busy box: ask until it lists the runs.
  const continuedRuns = async () => {
    const runs: string[] = [];
    for await (const wf of temporal.workflow.list({ query: `WorkflowId = '${threadId}'` })) runs.push(wf.status.name);
    return runs.filter((s) => s === 'CONTINUED_AS_NEW').length;
  };
  expect(await eventually(continuedRuns, 'a run that continued as new')).toBeGreaterThan(0);

  const conversation = (await db.Conversation.findOne({ threadId }).lean())!;
  const state = await temporal.workflow.getHandle(threadId).query(stateQuery);
  expect(state.conversationId).toBe(conversation._id);
  expect(state.status).toBe('open');
  expect(state.recentProviderMessageIds).toEqual(ids);

  // A message from before continueAsNew, redelivered, is recognised and dropped.
  await signalInbound(stack, from, 'message 0', { providerMessageId: ids[0] });
  const last = await signalInbound(stack, from, 'after the duplicate');
  await eventually(() => db.Message.findOne({ providerMessageId: last.providerMessageId }).lean(), 'the last message');
  const after = await temporal.workflow.getHandle(threadId).query(stateQuery);
  expect(after.recentProviderMessageIds).toEqual([...ids, last.providerMessageId]);
  expect(await db.Message.countDocuments({ conversationId: conversation._id })).toBe(13);
  expect(await db.Conversation.countDocuments({ threadId })).toBe(1);
});
