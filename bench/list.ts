/**
 * `npm run bench -- list`: the read side at size. Seeds N conversations / M messages
 * straight into the store (one of them a 1,000-message chat), then measures, through
 * the real api (production build) as a signed-in member and at the service level in
 * this process, p50/p95 of: the conversation list (first page, with status and number
 * filters), customer search (a name, phone digits, no match) and opening the
 * 1,000-message chat and paging back through it. The same run measures the store's
 * own floor: the raw insert rate of the seed and a raw read by _id.
 *
 * Every measurement is bounded by `--samples` and by `--budget` seconds.
 */
import { Types } from 'mongoose';
import { getConversation } from '../core/services/conversations/get-conversation';
import { listConversations } from '../core/services/conversations/list-conversations';
import type { TenantCall } from '../core/services/deps';
import type { Db } from '../core/db';
import { DEMO_PASSWORD } from '../dev/seed';
import { percentile, round } from './lib/load';
import { startBenchStack } from './lib/stack';
import type { BenchArgs } from './run';

/** The chat that is opened and paged through. */
const LONG_CHAT_MESSAGES = 1_000;
const CHAT_PAGE = 50;
const FIRST_NAMES = ['Maria', 'Ahmed', 'Chen', 'Olga', 'Kofi', 'Lucia', 'Ravi', 'Anna', 'Yuki', 'Pedro'];
const LAST_NAMES = ['Garcia', 'Novak', 'Okafor', 'Rossi', 'Tanaka', 'Silva', 'Larsen', 'Haddad', 'Kowalski', 'Moreau'];
/** A search term that matches one customer in a hundred by name. */
const NAME_QUERY = 'Olga Rossi';

export async function list(args: BenchArgs) {
  const conversations = Math.round(args.number('conversations', 10_000));
  const messages = Math.max(Math.round(args.number('messages', 1_000_000)), LONG_CHAT_MESSAGES + conversations - 1);
  const samples = Math.round(args.number('samples', 30));
  const budgetMs = args.number('budget', 30) * 1000;
  const log = (line: string) => console.log(line);

  const stack = await startBenchStack({ build: args.flag('build'), log });
  try {
    const tenant = await stack.db.Tenant.findOne({ slug: 'demo' }).lean();
    const owner = await stack.db.User.findOne({ email: 'owner@demo.test' }).lean();
    const numbers = await stack.db.WhatsAppNumber.find({ tenantId: tenant!._id }).lean();
    const seeded = await seed(
      stack.db,
      tenant!._id,
      numbers.map((n) => n._id),
      conversations,
      messages,
      log,
    );
    const indexed = await stack.addStoreIndexes();
    if (indexed.length > 0) log(`[bench] store indexes (ADR 0130): ${indexed.join(', ')}`);

    const cookie = await signIn(stack.apiUrl);
    const call: TenantCall = {
      scope: { tenantId: String(tenant!._id), tenantSlug: 'demo', baseUrl: stack.apiUrl },
      actor: { userId: String(owner!._id), role: 'owner' },
    };
    const deps = { db: stack.db, config: { OPENAI_API_KEY: undefined } };
    const api = (path: string) => async () => {
      const res = await fetch(`${stack.apiUrl}/api/tenants/demo${path}`, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
      return res.json() as Promise<unknown>;
    };
    const numberId = String(numbers[0]._id);
    const digits = '3460000'; // the first hundreds of customers' numbers start with these digits
    const lists: Array<[string, string, Parameters<typeof listConversations>[1]['input']]> = [
      ['list: first page', '/conversations', {}],
      ['list: status=open', '/conversations?status=open', { status: 'open' }],
      [
        'list: status=closed + number',
        `/conversations?status=closed&numberId=${numberId}`,
        { status: 'closed', numberId },
      ],
      ['search: name', `/conversations?q=${encodeURIComponent(NAME_QUERY)}`, { q: NAME_QUERY }],
      ['search: phone digits', `/conversations?q=${digits}`, { q: digits }],
      ['search: no match', '/conversations?q=zzqx', { q: 'zzqx' }],
    ];
    const rows: Record<string, unknown>[] = [];
    const measureRow = async (name: string, viaApi: () => Promise<unknown>, viaService: () => Promise<unknown>) => {
      log(`[bench] ${name}…`);
      const server = await timeIt(viaApi, samples, budgetMs);
      const service = await timeIt(viaService, samples, budgetMs);
      rows.push({
        query: name,
        samples: server.n,
        apiP50Ms: server.p50,
        apiP95Ms: server.p95,
        serviceP50Ms: service.p50,
        serviceP95Ms: service.p95,
      });
    };

    // The store's floor in the same run: one document by _id, raw driver.
    const floor = await timeIt(
      () => stack.db.Conversation.collection.findOne({ _id: seeded.longChatId as never }),
      samples,
      budgetMs,
    );
    rows.push({
      query: 'store floor: findOne by _id (raw driver)',
      samples: floor.n,
      apiP50Ms: '-',
      apiP95Ms: '-',
      serviceP50Ms: floor.p50,
      serviceP95Ms: floor.p95,
    });

    for (const [name, path, input] of lists)
      await measureRow(name, api(path), () => listConversations(deps, { ...call, input }));

    const chat = `/conversations/${seeded.longChatId}`;
    await measureRow(`chat: open (${CHAT_PAGE} of ${LONG_CHAT_MESSAGES})`, api(`${chat}?limit=${CHAT_PAGE}`), () =>
      getConversation(deps, { ...call, id: seeded.longChatId, input: { limit: CHAT_PAGE } }),
    );
    log('[bench] chat: paging back through every message…');
    rows.push({ query: `chat: page back (${CHAT_PAGE} a page)`, ...(await pageBack(api, chat, budgetMs)) });

    return {
      scenario: 'list',
      settings: { conversations, messages, longChat: LONG_CHAT_MESSAGES, samples, budgetS: budgetMs / 1000 },
      seed: seeded.figures,
      rows,
    };
  } finally {
    await stack.stop();
  }
}

/**
 * Inserts the conversations and messages with the raw driver (insertMany, batches
 * of 1,000): the store's own insert rate is the seed's figure.
 */
export async function seed(
  db: Db,
  tenantId: Types.ObjectId,
  numberIds: Types.ObjectId[],
  conversations: number,
  messages: number,
  log: (line: string) => void,
) {
  const start = Date.now() - messages * 1000;
  const perConversation = Math.floor((messages - LONG_CHAT_MESSAGES) / Math.max(conversations - 1, 1));
  const countOf = (c: number) =>
    c === 0
      ? LONG_CHAT_MESSAGES
      : perConversation + (c <= (messages - LONG_CHAT_MESSAGES) % (conversations - 1) ? 1 : 0);
  const idOf = (c: number) => `seed-${String(c).padStart(6, '0')}`;
  const conversationDocs = [];
  let sentAt = start;
  const lastAt: number[] = [];
  for (let c = 0; c < conversations; c++) {
    sentAt += countOf(c) * 1000;
    lastAt.push(sentAt);
  }
  for (let c = 0; c < conversations; c++) {
    const at = new Date(lastAt[c]);
    conversationDocs.push({
      _id: idOf(c),
      tenantId,
      numberId: numberIds[c % numberIds.length],
      threadId: `whatsapp:${String(tenantId)}:${String(numberIds[c % numberIds.length])}:seed${c}`,
      customerKey: `seed${c}`,
      customer: {
        address: `whatsapp:+34600${String(c).padStart(6, '0')}`,
        profileName: `${FIRST_NAMES[c % 10]} ${LAST_NAMES[Math.floor(c / 10) % 10]}`,
      },
      status: c % 10 < 7 ? 'open' : c % 10 < 9 ? 'closed' : 'archived',
      aiEnabled: c % 2 === 0,
      lastMessageAt: at,
      lastInboundAt: at,
      lastMessagePreview: `Message ${countOf(c) - 1} of conversation ${c}`,
      createdAt: new Date(start),
      updatedAt: at,
    });
  }
  const t0 = performance.now();
  for (let i = 0; i < conversationDocs.length; i += 1000)
    await db.Conversation.collection.insertMany(conversationDocs.slice(i, i + 1000) as never[], { ordered: false });
  const conversationsMs = performance.now() - t0;

  log(`[bench] seeding ${messages} messages…`);
  const t1 = performance.now();
  let batch: Record<string, unknown>[] = [];
  let inserted = 0;
  for (let c = 0; c < conversations; c++) {
    const n = countOf(c);
    for (let j = 0; j < n; j++) {
      const inbound = j % 2 === 0;
      const at = new Date(lastAt[c] - (n - 1 - j) * 1000);
      batch.push({
        _id: `seed:${c}:${j}`,
        tenantId,
        conversationId: idOf(c),
        direction: inbound ? 'inbound' : 'outbound',
        author: inbound ? 'customer' : 'ai',
        text: `Message ${j} of conversation ${c}: a line of text of about the length people write.`,
        media: [],
        providerMessageId: `seed:${c}:${j}`,
        status: inbound ? 'received' : 'delivered',
        sentAt: at,
        createdAt: at,
        updatedAt: at,
      });
      if (batch.length === 1000) {
        await db.Message.collection.insertMany(batch as never[], { ordered: false });
        inserted += batch.length;
        batch = [];
        if (inserted % 100_000 === 0)
          log(`[bench]   ${inserted} messages, ${round(inserted / ((performance.now() - t1) / 1000), 0)}/s`);
      }
    }
  }
  if (batch.length) await db.Message.collection.insertMany(batch as never[], { ordered: false });
  const messagesMs = performance.now() - t1;
  const figures = {
    conversations,
    messages,
    conversationsSeedS: round(conversationsMs / 1000),
    messagesSeedS: round(messagesMs / 1000),
    rawInsertPerS: round(messages / (messagesMs / 1000), 0),
  };
  log(`[bench] seeded: ${JSON.stringify(figures)}`);
  return { longChatId: idOf(0), figures };
}

async function signIn(apiUrl: string): Promise<string> {
  const res = await fetch(`${apiUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'owner@demo.test', password: DEMO_PASSWORD }),
  });
  const cookie = res.headers.get('set-cookie');
  if (res.status !== 200 || !cookie) throw new Error(`sign-in answered ${res.status}`);
  return cookie.split(';')[0];
}

/** Runs `fn` one at a time, at most `samples` times and for at most `budgetMs` (at least once). */
async function timeIt(fn: () => Promise<unknown>, samples: number, budgetMs: number) {
  const times: number[] = [];
  const start = performance.now();
  while (times.length < samples && (times.length === 0 || performance.now() - start < budgetMs)) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return { n: times.length, p50: round(percentile(times, 50)), p95: round(percentile(times, 95)) };
}

/** Opens the chat and follows `nextBefore` to its first message, timing each page. */
async function pageBack(api: (path: string) => () => Promise<unknown>, chat: string, budgetMs: number) {
  const times: number[] = [];
  let seen = 0;
  let before: string | null = null;
  const start = performance.now();
  do {
    const t = performance.now();
    const page = (await api(
      `${chat}?limit=${CHAT_PAGE}${before ? `&before=${encodeURIComponent(before)}` : ''}`,
    )()) as {
      messages: unknown[];
      nextBefore: string | null;
    };
    times.push(performance.now() - t);
    seen += page.messages.length;
    before = page.nextBefore;
  } while (before && performance.now() - start < budgetMs);
  return {
    samples: times.length,
    messagesSeen: seen,
    apiP50Ms: round(percentile(times, 50)),
    apiP95Ms: round(percentile(times, 95)),
  };
}
