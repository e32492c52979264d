/**
 * The embedded store (FerretDB on SQLite) answers a filter of `_id` alone with a
 * primary-key lookup and any other filter with a scan of the whole collection
 * (ADR 0082). These tests pin the hot by-id paths to `{ _id }` filters, and show
 * that the tenant is still enforced, now on the document.
 */
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { connectDb, type Db } from '../../core/db';
import { getConversation } from '../../core/services/conversations/get-conversation';
import { saveConversationState } from '../../core/services/conversations/save-conversation-state';
import { appendEvent } from '../../core/events/append-event';
import { TenantEventTail, type LiveEvent } from '../../core/events/tail';
import { raiseNotification } from '../../core/services/notifications/raise-notification';
import { findByIdInTenant, updateByIdInTenant } from '../../core/services/tenant-scope';

let db: Db;
const tenantA = new Types.ObjectId();
const tenantB = new Types.ObjectId();
const numberId = new Types.ObjectId();
const conversationId = `c-${randomBytes(4).toString('hex')}`;
const scopeOf = (tenantId: Types.ObjectId) => ({ tenantId: String(tenantId), tenantSlug: 't', baseUrl: 'http://x' });
/** Every filter mongoose sent, per collection and method. */
let sent: Array<{ collection: string; method: string; filter: unknown }> = [];

beforeAll(async () => {
  db = await connectDb(process.env.HELIOS_TEST_MONGODB_URI!, `store-queries-${randomBytes(3).toString('hex')}`);
  await db.WhatsAppNumber.create({
    _id: numberId,
    tenantId: tenantA,
    provider: 'twilio',
    address: `whatsapp:+1555${Date.now() % 10_000_000}`,
    displayName: 'Line A',
  });
  await db.Conversation.create({
    _id: conversationId,
    tenantId: tenantA,
    numberId,
    threadId: 'thread-a',
    customerKey: 'k',
    customer: { address: 'whatsapp:+34600000001' },
    lastMessageAt: new Date(),
  });
  db.connection.set('debug', (collection: string, method: string, filter: unknown) => {
    sent.push({ collection, method, filter });
  });
});

afterAll(async () => {
  await db?.connection.dropDatabase();
  await db?.connection.close();
});

beforeEach(() => {
  sent = [];
});

const filtersOn = (collection: string) =>
  sent.filter((s) => s.collection === collection && /^find|^update/.test(s.method)).map((s) => s.filter);

test('opening a conversation reads it and its number by _id alone', async () => {
  const opened = await getConversation(
    { db, config: { OPENAI_API_KEY: undefined } },
    { scope: scopeOf(tenantA), id: conversationId },
  );
  expect(opened.conversation.number?.displayName).toBe('Line A');
  expect(filtersOn('conversations')).toEqual([{ _id: conversationId }]);
  expect(filtersOn('whatsapp_numbers')).toEqual([{ _id: numberId }]);
});

test("another tenant's conversation is still not found, and cannot be written by id", async () => {
  await expect(
    getConversation({ db, config: { OPENAI_API_KEY: undefined } }, { scope: scopeOf(tenantB), id: conversationId }),
  ).rejects.toMatchObject({
    code: 'not_found',
  });
  expect(await findByIdInTenant(db.Conversation, scopeOf(tenantB), conversationId)).toBeNull();
  expect(
    await updateByIdInTenant(db.Conversation, scopeOf(tenantB), conversationId, { $set: { status: 'archived' } }),
  ).toBe(false);
  expect((await db.Conversation.findById(conversationId).lean())?.status).toBe('open');
});

test('the read model is written by _id alone', async () => {
  await saveConversationState(
    { db },
    { tenantId: String(tenantA), conversationId, status: 'closed', aiEnabled: false },
  );
  expect(filtersOn('conversations')).toEqual([{ _id: conversationId }, { _id: conversationId }]);
  const saved = await db.Conversation.findById(conversationId).lean();
  expect(saved).toMatchObject({ status: 'closed', aiEnabled: false });
});

test('the live tail reads the log by _id: the next seqs, not a query over the whole log', async () => {
  const tail = new TenantEventTail(db, { pollMs: 20 });
  const seen: LiveEvent[] = [];
  try {
    await tail.subscribe(String(tenantA), undefined, (event) => seen.push(event));
    const seqs = [];
    for (let i = 0; i < 5; i++) seqs.push(await appendEvent(db, tenantA, 'message', { conversationId, i }));
    while (seen.length < 5) await new Promise((r) => setTimeout(r, 20));
    expect(seen.map((e) => e.seq)).toEqual(seqs);
    // Besides reading where the log ends (once per poller and writer), every read names one _id.
    const reads = filtersOn('events').filter((f) => Object.keys(f as object).join() !== 'tenantId');
    expect(reads.length).toBeGreaterThan(5);
    for (const filter of reads) expect(filter).toEqual({ _id: expect.stringMatching(`^${String(tenantA)}:\\d+$`) });
  } finally {
    tail.close();
  }
});

test('new-message notifications coalesce through by-_id reads, and a read one is followed by a new one', async () => {
  const raise = (key: string) =>
    raiseNotification({ db }, { tenantId: String(tenantA), conversationId, kind: 'new_message', key, title: key });
  expect(await raise('n1')).toEqual({ notificationId: 'n1', created: true });
  sent = [];
  expect(await raise('n2')).toEqual({ notificationId: 'n1', created: false });
  expect(await raise('n3')).toEqual({ notificationId: 'n1', created: false });
  for (const filter of [...filtersOn('notifications'), ...filtersOn('notification_heads')])
    expect(Object.keys(filter as object)).toEqual(['_id']);
  expect(await db.Notification.findById('n1').lean()).toMatchObject({ count: 3, title: 'n3' });

  await db.Notification.updateOne({ _id: 'n1' }, { $push: { readBy: new Types.ObjectId() } });
  expect(await raise('n4')).toEqual({ notificationId: 'n4', created: true });
  expect(await raise('n5')).toEqual({ notificationId: 'n4', created: false });
  // A retried activity raises the same notification once.
  expect(await raise('n4')).toEqual({ notificationId: 'n4', created: false });
});
