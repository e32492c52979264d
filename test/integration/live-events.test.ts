import { Types } from 'mongoose';
import { connectDb, type Db } from '../../core/db';
import { appendEvent, latestSeq } from '../../core/events/append-event';
import { login, startTestStack, type TestStack } from '../helpers/stack';
import { startApiProcess, type ApiProcess } from '../helpers/processes';
import { openSse, type SseStream } from '../helpers/sse';

let stack: TestStack;
let second: ApiProcess;
let demoId: string;
let acmeId: string;
const streams: SseStream[] = [];

beforeAll(async () => {
  stack = await startTestStack('events');
  second = await startApiProcess(stack.config);
  demoId = String((await stack.db.Tenant.findOne({ slug: 'demo' }))!._id);
  acmeId = String((await stack.db.Tenant.findOne({ slug: 'acme' }))!._id);
});

afterAll(async () => {
  streams.forEach((s) => s.close());
  await second?.stop();
  await stack?.stop();
});

async function stream(baseUrl: string, cookie: string, tenant = 'demo', lastEventId?: string) {
  const s = await openSse(`${baseUrl}/api/tenants/${tenant}/events`, {
    cookie,
    ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
  });
  streams.push(s);
  return s;
}

test('events written by another process reach streams on two api processes, in order, tenant-scoped', async () => {
  const cookieA = await login(stack.url, 'agent@demo.test');
  const cookieB = await login(second.url, 'owner@demo.test');
  const onA = await stream(stack.url, cookieA);
  const onB = await stream(second.url, cookieB);

  // The test process plays the worker: it writes to MongoDB only.
  await appendEvent(stack.db, acmeId, 'message', { text: 'acme only', conversationId: 'conv-acme' });
  for (const text of ['one', 'two', 'three'])
    await appendEvent(stack.db, demoId, 'message', { text, conversationId: 'conv-1' });

  for (const s of [onA, onB]) {
    const events = await s.waitFor(3);
    expect(events.map((e) => JSON.parse(e.data).text)).toEqual(['one', 'two', 'three']);
    expect(events.map((e) => e.event)).toEqual(['message', 'message', 'message']);
    expect(events.map((e) => Number(e.id))).toEqual([1, 2, 3]);
  }
});

test('a stream that reconnects with Last-Event-ID gets exactly what it missed', async () => {
  const cookie = await login(second.url, 'agent@demo.test');
  const first = await stream(second.url, cookie);
  const seq = await appendEvent(stack.db, demoId, 'conversation', { status: 'closed', conversationId: 'conv-1' });
  const [seen] = await first.waitFor(1);
  expect(Number(seen.id)).toBe(seq);
  first.close();

  // While disconnected:
  await appendEvent(stack.db, demoId, 'conversation', { status: 'archived', conversationId: 'conv-1' });
  await appendEvent(stack.db, demoId, 'notification', { title: 'Escalation', conversationId: 'conv-1' });

  const resumed = await stream(stack.url, cookie, 'demo', seen.id);
  const live = appendEvent(stack.db, demoId, 'message', { text: 'after reconnect', conversationId: 'conv-1' });
  await live;
  const events = await resumed.waitFor(3);
  expect(events.map((e) => e.event)).toEqual(['conversation', 'notification', 'message']);
  expect(events.map((e) => Number(e.id))).toEqual([seq + 1, seq + 2, seq + 3]);
  // Nothing twice: no fourth event arrives.
  await new Promise((r) => setTimeout(r, 600));
  expect(resumed.events).toHaveLength(3);
});

test('a late event under a seq gap is still delivered, in order', async () => {
  const cookie = await login(stack.url, 'agent@demo.test');
  const s = await stream(stack.url, cookie);
  // Written by hand, n+1 before n (a store whose scans can show them in that order).
  const last = await latestSeq(stack.db, new Types.ObjectId(demoId));
  const [late, early] = [last + 1, last + 2];
  await stack.db.Event.create({ tenantId: demoId, seq: early, type: 'message', data: { text: 'second' } });
  await new Promise((r) => setTimeout(r, 500));
  await stack.db.Event.create({ tenantId: demoId, seq: late, type: 'message', data: { text: 'first' } });
  const events = await s.waitFor(2);
  expect(events.map((e) => JSON.parse(e.data).text)).toEqual(['first', 'second']);
});

test('a seq nobody writes is closed by a gap marker: the stream moves on, and a late writer appends under a new seq', async () => {
  const cookie = await login(stack.url, 'agent@demo.test');
  const s = await stream(stack.url, cookie);
  const tenantId = new Types.ObjectId(demoId);
  const hole = (await latestSeq(stack.db, tenantId)) + 1;
  await stack.db.Event.create({ tenantId, seq: hole + 1, type: 'message', data: { text: 'after the hole' } });
  const [after] = await s.waitFor(1);
  expect(Number(after.id)).toBe(hole + 1);
  expect(await stack.db.Event.findOne({ tenantId, seq: hole }).lean()).toMatchObject({ type: 'gap' });

  // A writer that still believed in `hole` loses it to the marker and takes the next seq.
  const seq = await appendEvent(stack.db, demoId, 'message', { text: 'late writer', conversationId: 'conv-1' });
  expect(seq).toBe(hole + 2);
  const events = await s.waitFor(2);
  expect(events.map((e) => JSON.parse(e.data).text)).toEqual(['after the hole', 'late writer']);
});

test('hundreds of parallel appends from four processes: no error, a dense log, each event streamed once and in order', async () => {
  const cookieA = await login(stack.url, 'agent@demo.test');
  const cookieB = await login(second.url, 'owner@demo.test');
  const onA = await stream(stack.url, cookieA);
  const onB = await stream(second.url, cookieB);
  const start = await latestSeq(stack.db, new Types.ObjectId(demoId));

  // Each connection stands for a worker or api process: its own writer, racing the others.
  const writers: Db[] = [stack.db];
  for (let i = 0; i < 3; i++) writers.push(await connectDb(stack.config.MONGODB_URI, stack.config.MONGODB_DB));
  try {
    const texts = writers.flatMap((_, w) => Array.from({ length: 100 }, (_, i) => `w${w}-${i}`));
    const seqs = await Promise.all(
      texts.map((text, i) =>
        appendEvent(writers[i % writers.length], demoId, 'message', { text, conversationId: 'conv-load' }),
      ),
    );
    expect([...seqs].sort((a, b) => a - b)).toEqual(texts.map((_, i) => start + 1 + i));

    const stored = await stack.db.Event.find({ tenantId: demoId, seq: { $gt: start } })
      .sort({ seq: 1 })
      .lean();
    expect(stored.map((e) => e.seq)).toEqual(texts.map((_, i) => start + 1 + i));
    expect(stored.every((e) => e.type === 'message')).toBe(true);

    for (const s of [onA, onB]) {
      const events = await s.waitFor(texts.length);
      expect(events.map((e) => Number(e.id))).toEqual(texts.map((_, i) => start + 1 + i));
      expect(events.map((e) => JSON.parse(e.data).text).sort()).toEqual([...texts].sort());
    }
    await new Promise((r) => setTimeout(r, 600));
    expect(onA.events).toHaveLength(texts.length);
    expect(onB.events).toHaveLength(texts.length);
  } finally {
    for (const db of writers.slice(1)) await db.connection.close();
  }
});

test('the stream needs a session and a membership of the tenant', async () => {
  await expect(openSse(`${stack.url}/api/tenants/demo/events`, {})).rejects.toMatchObject({ status: 401 });
  const acmeOwner = await login(stack.url, 'owner@acme.test');
  await expect(openSse(`${stack.url}/api/tenants/demo/events`, { cookie: acmeOwner })).rejects.toMatchObject({
    status: 404,
  });
  const agent = await login(stack.url, 'agent@demo.test');
  await expect(openSse(`${stack.url}/api/tenants/demo/events?after=abc`, { cookie: agent })).rejects.toMatchObject({
    status: 400,
  });
});
