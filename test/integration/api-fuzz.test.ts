/**
 * Fuzz over the whole OpenAPI document (issue 13): every operation gets
 * schema-shaped requests (valid, at the limits, past them, broken on purpose),
 * as the owner of the seeded tenant and anonymously. Bad input must get a 4xx:
 * any 5xx fails. Bounded in count (rounds × operations) and time (a budget
 * after which no new round starts); FUZZ_SEED replays a run.
 */
import { ApiClient } from '../helpers/api-client';
import { conversationOf, messageCount, newCustomer, twilioInbound } from '../helpers/conversations';
import { generateRequest, operationsOf, seededRandom, SESSION_ENDING, type FuzzRequest } from '../helpers/openapi-fuzz';
import { startDemoTwilioStack } from '../helpers/demo-twilio-stack';
import type { TestStack } from '../helpers/stack';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const ROUNDS = { owner: 24, anonymous: 6 };
const BUDGET_MS = 120_000;

let stack: TestStack;
let stop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ stack, stop } = await startDemoTwilioStack('fuzz'));
});
afterAll(() => stop?.());

async function send(request: FuzzRequest, cookie?: string): Promise<{ status: number; body: string }> {
  const abort = new AbortController();
  // A request that never answers is a failure too (bounded: the Update deadline is 10 s).
  const timer = setTimeout(() => abort.abort(), 20_000);
  try {
    const res = await fetch(stack.url + request.path, {
      method: request.method,
      headers: { ...request.headers, ...(cookie ? { cookie } : {}) },
      body: request.body,
      redirect: 'manual',
      signal: abort.signal,
    });
    // The live stream never ends: its status line is the answer.
    const body = res.headers.get('content-type')?.startsWith('text/event-stream') ? '' : await res.text();
    return { status: res.status, body };
  } catch (error) {
    return { status: 599, body: `no answer: ${(error as Error).message}` };
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}

test(`no request built from the OpenAPI document gets a 5xx, signed in or not (seed ${SEED})`, async () => {
  const owner = await ApiClient.signIn(stack.url, 'owner@demo.test');
  // Real objects, so requests get past "not found" into the code behind it.
  const customer = newCustomer();
  await twilioInbound(stack, customer, 'hello from the fuzz');
  const conversation = await conversationOf(stack, customer);
  const [message] = await messageCount(stack, String(conversation._id), 1);
  const ids = async (path: string, key: string) =>
    ((await owner.get(path)).body[key] as Array<{ id: string }>).map((item) => item.id);
  const known = {
    tenant: ['demo', 'demo', 'demo', 'acme'],
    id: [
      String(conversation._id),
      ...(await ids('/api/tenants/demo/ai-agents', 'aiAgents')),
      ...(await ids('/api/tenants/demo/numbers', 'numbers')),
    ],
    messageId: [String(message._id)],
    index: ['0', '1', '9', '10'],
  };

  const doc = (await owner.get('/api/openapi.json')).body;
  const operations = operationsOf(doc).filter((op) => !SESSION_ENDING.has(`${op.method} ${op.template}`));
  const rnd = seededRandom(SEED);
  const failures: string[] = [];
  const statuses: Record<string, number> = {};
  const deadline = Date.now() + BUDGET_MS;
  let sent = 0;
  for (const [who, rounds] of Object.entries(ROUNDS)) {
    for (let round = 0; round < rounds && Date.now() < deadline; round++) {
      for (const operation of operations) {
        const request = generateRequest(doc, operation, rnd, known);
        const { status, body } = await send(request, who === 'owner' ? owner.cookieHeader : undefined);
        sent++;
        statuses[`${who} ${Math.floor(status / 100)}xx`] = (statuses[`${who} ${Math.floor(status / 100)}xx`] ?? 0) + 1;
        if (status >= 500)
          failures.push(
            `${who}: ${request.method} ${request.path} ${request.body ?? ''} -> ${status} ${body.slice(0, 200)}`,
          );
      }
    }
  }
  process.stdout.write(
    `[fuzz] seed ${SEED}: ${sent} requests over ${operations.length} operations ${JSON.stringify(statuses)}\n`,
  );
  expect(failures).toEqual([]);
  // The fuzz reached behind the guard: the owner got answers other than 401, and the session survived.
  expect(statuses['owner 2xx']).toBeGreaterThan(0);
  expect(statuses['anonymous 2xx'] ?? 0).toBeLessThan(statuses['anonymous 4xx']);
  expect((await owner.get('/api/auth/me')).status).toBe(200);
});
