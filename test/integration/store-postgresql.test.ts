/**
 * The second store backend (ADR 0130): FerretDB on a private PostgreSQL cluster, as
 * `npm run dev -- --postgres` and `npm run bench -- … --store postgresql` start it. The
 * rules the code relies on are checked against it here, as they are against the SQLite
 * default by the rest of the suite: concurrent live-event appends stay dense and unique,
 * a duplicate `_id` is refused with the code the event log reads, and the read model's
 * equality filters reach PostgreSQL and, with the GIN indexes we add, use an index.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Types } from 'mongoose';
import { connectDb, type Db } from '../../core/db';
import { appendEvent, latestSeq } from '../../core/events/append-event';
import { startLocalServices, type LocalServices } from '../../dev/services';

let services: LocalServices;
let dataDir: string;
const writers: Db[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'helios-pg-'));
  // Only the store is ours: Temporal is the run's, through TEMPORAL_ADDRESS.
  const previous = process.env.TEMPORAL_ADDRESS;
  process.env.TEMPORAL_ADDRESS = process.env.HELIOS_TEST_TEMPORAL_ADDRESS;
  try {
    services = await startLocalServices({ dataDir, headless: true, storeBackend: 'postgresql', log: () => {} });
  } finally {
    if (previous === undefined) delete process.env.TEMPORAL_ADDRESS;
    else process.env.TEMPORAL_ADDRESS = previous;
  }
  for (let i = 0; i < 4; i++) writers.push(await connectDb(services.mongoUri, 'store_on_postgresql'));
}, 120_000);

afterAll(async () => {
  for (const db of writers) await db.connection.close();
  await services?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('it is the PostgreSQL backend that answers', async () => {
  expect(services.storeBackend).toBe('postgresql');
  const build = await writers[0].connection.db!.admin().command({ buildInfo: 1 });
  expect(build.ferretdbFeatures ?? build.ferretdbVersion).toBeDefined();
  const explained = await writers[0].Event.find({ tenantId: new Types.ObjectId(), seq: { $gt: 0 } }).explain();
  const plan = JSON.stringify(explained);
  expect(plan).toContain('"filterPushdown":true');
  expect(plan).toContain('Relation Name');
});

test('four hundred parallel appends from four connections: no error, one event per seq, no gap', async () => {
  const tenantId = String(new Types.ObjectId());
  const start = await latestSeq(writers[0], new Types.ObjectId(tenantId));
  const texts = Array.from({ length: 400 }, (_, i) => `e${i}`);
  const seqs = await Promise.all(
    texts.map((text, i) => appendEvent(writers[i % writers.length], tenantId, 'message', { text })),
  );
  expect([...seqs].sort((a, b) => a - b)).toEqual(texts.map((_, i) => start + 1 + i));
  const stored = await writers[0].Event.find({ tenantId, seq: { $gt: start } })
    .sort({ seq: 1 })
    .lean();
  expect(stored.map((e) => e.seq)).toEqual(texts.map((_, i) => start + 1 + i));
  expect(stored.map((e) => (e.data as { text: string }).text).sort()).toEqual([...texts].sort());
});

test('two writers inserting the same _id at once: exactly one wins, the other gets E11000', async () => {
  const ids = Array.from({ length: 50 }, (_, i) => `race:${i}`);
  const collection = writers[0].connection.db!.collection('races');
  const results = await Promise.allSettled(
    ids.flatMap((id) =>
      [0, 1].map((w) => writers[w].connection.db!.collection('races').insertOne({ _id: id as never, w })),
    ),
  );
  const refused = results.filter((r) => r.status === 'rejected');
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(ids.length);
  expect(refused).toHaveLength(ids.length);
  for (const r of refused) expect((r as PromiseRejectedResult).reason.code).toBe(11000);
  expect(await collection.countDocuments()).toBe(ids.length);
});

test('equality filters use the GIN indexes we add; before them PostgreSQL scans the whole table', async () => {
  const db = writers[0];
  const tenantId = new Types.ObjectId();
  // The read model keys messages by the conversation's id as a string.
  const conversations = Array.from({ length: 200 }, () => String(new Types.ObjectId()));
  await db.Message.collection.insertMany(
    Array.from({ length: 20_000 }, (_, i) => ({
      tenantId,
      conversationId: conversations[i % conversations.length],
      providerMessageId: `SM${i}`,
      sentAt: new Date(1_700_000_000_000 + i * 1000),
    })),
  );
  const chat = () => db.Message.find({ tenantId, conversationId: conversations[7] }).sort({ sentAt: -1 }).limit(50);
  const planOf = async () => JSON.stringify(await chat().explain());

  expect(await planOf()).toContain('Seq Scan');
  const indexed = await services.addStoreIndexes(db);
  expect(indexed).toEqual(
    expect.arrayContaining(['messages.conversationId', 'messages.tenantId', 'conversations.status']),
  );
  expect(indexed).not.toContain('messages.sentAt');
  expect(await services.addStoreIndexes(db)).toEqual(indexed);

  await db.connection.db!.command({ analyze: 'messages' }).catch(() => undefined);
  expect(await planOf()).toMatch(/Index Scan on \w+_conversationId_gin|"Index Name":"\w+_conversationId_gin"/);
  const page = await chat().lean();
  expect(page).toHaveLength(50);
  expect(page.every((m) => m.conversationId === conversations[7])).toBe(true);
  expect(page[0].sentAt.getTime()).toBeGreaterThan(page[49].sentAt.getTime());
}, 60_000);
