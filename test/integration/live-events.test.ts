import { appendEvent } from '../../core/events/append';
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
  await appendEvent(stack.db, acmeId, 'message', { text: 'acme only' }, 'conv-acme');
  for (const text of ['one', 'two', 'three']) await appendEvent(stack.db, demoId, 'message', { text }, 'conv-1');

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
  const seq = await appendEvent(stack.db, demoId, 'conversation', { status: 'closed' }, 'conv-1');
  const [seen] = await first.waitFor(1);
  expect(Number(seen.id)).toBe(seq);
  first.close();

  // While disconnected:
  await appendEvent(stack.db, demoId, 'conversation', { status: 'archived' }, 'conv-1');
  await appendEvent(stack.db, demoId, 'notification', { title: 'Escalation' }, 'conv-1');

  const resumed = await stream(stack.url, cookie, 'demo', seen.id);
  const live = appendEvent(stack.db, demoId, 'message', { text: 'after reconnect' }, 'conv-1');
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
  // Two writers: the second takes seq n+1 and inserts before the first inserts n.
  const counter = await stack.db.EventCounter.findOneAndUpdate(
    { _id: demoId },
    { $inc: { seq: 2 } },
    { new: true },
  ).lean();
  const [late, early] = [counter!.seq - 1, counter!.seq];
  await stack.db.Event.create({ tenantId: demoId, seq: early, type: 'message', data: { text: 'second' } });
  await new Promise((r) => setTimeout(r, 500));
  await stack.db.Event.create({ tenantId: demoId, seq: late, type: 'message', data: { text: 'first' } });
  const events = await s.waitFor(2);
  expect(events.map((e) => JSON.parse(e.data).text)).toEqual(['first', 'second']);
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
