/**
 * The document's request schemas say what the API enforces (issue 16): for
 * every operation, each constraint the document states on a body field, a
 * query parameter or a path parameter, broken on its own, gets a 400 that
 * names that field; and the smallest value the document allows is not a 400.
 * Deterministic and bounded: one request per stated constraint.
 */
import { DEMO_NUMBER, DEMO_PASSWORD, DEMO_TWILIO_ACCOUNT_SID, DEMO_TWILIO_AUTH_TOKEN } from '../../dev/seed';
import { ApiClient, type ApiResponse } from '../helpers/api-client';
import { conversationOf, messageCount, newCustomer, twilioInbound } from '../helpers/conversations';
import { operationsOf, SESSION_ENDING, type Operation } from '../helpers/openapi-fuzz';
import { bodyViolations, leafViolations, validValue, type Known } from '../helpers/openapi-violations';
import { startDemoTwilioStack } from '../helpers/demo-twilio-stack';
import type { TestStack } from '../helpers/stack';

let stack: TestStack;
let stop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ stack, stop } = await startDemoTwilioStack('openapi-contract'));
});
afterAll(() => stop?.());

test('every request constraint in the OpenAPI document is enforced by the API: breaking one answers 400 naming its field', async () => {
  const owner = await ApiClient.signIn(stack.url, 'owner@demo.test');
  const customer = newCustomer();
  await twilioInbound(stack, customer, 'hello from the contract test');
  const conversation = await conversationOf(stack, customer);
  const [message] = await messageCount(stack, String(conversation._id), 1);
  const firstId = async (path: string, key: string) => ((await owner.get(path)).body[key] as { id: string }[])[0].id;
  // Real objects, so a request reaches the parser behind "not found".
  const ids: Record<string, string> = {
    'ai-agents': await firstId('/api/tenants/demo/ai-agents', 'aiAgents'),
    'canned-responses': await firstId('/api/tenants/demo/canned-responses', 'cannedResponses'),
    numbers: await firstId('/api/tenants/demo/numbers', 'numbers'),
    conversations: String(conversation._id),
    notifications: '000000000000000000000000',
  };
  const pathValues = (template: string): Record<string, string> => ({
    tenant: 'demo',
    id: ids[/\/([\w-]+)\/\{id\}/.exec(template)?.[1] ?? ''] ?? '',
    messageId: String(message._id),
    index: '0',
  });
  // What the document cannot give: matches of its patterns and formats, and values the demo tenant accepts.
  const known: Known = {
    email: 'nobody@demo.test',
    currentPassword: DEMO_PASSWORD,
    accountSid: DEMO_TWILIO_ACCOUNT_SID,
    authToken: DEMO_TWILIO_AUTH_TOKEN,
    address: DEMO_NUMBER,
    model: 'gpt-4o-mini',
    whatsappEnabled: true,
    text: 'Hello from the contract test',
  };

  const doc = (await owner.get('/api/openapi.json')).body;
  const operations = operationsOf(doc).filter((op) => !SESSION_ENDING.has(`${op.method} ${op.template}`));
  const problems: string[] = [];
  const checked = new Set<string>();
  let broken = 0;

  const send = (op: Operation, path: Record<string, string>, query: Record<string, string>, body?: unknown) => {
    const url = op.template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(path[name]));
    const search = new URLSearchParams(query).toString();
    return owner.request(op.method, search ? `${url}?${search}` : url, body);
  };
  const expectRejected = (what: string, field: string, res: ApiResponse) => {
    broken++;
    if (res.status !== 400 || !(field in (res.body?.fields ?? {})))
      problems.push(`${what}: expected 400 naming "${field}", got ${res.status} ${JSON.stringify(res.body)}`);
  };

  for (const op of operations) {
    const name = `${op.method} ${op.template}`;
    const path = pathValues(op.template);
    const valid = op.bodySchema ? validValue(doc, op.bodySchema, known) : undefined;
    const cases = [
      ...op.parameters
        .filter((p) => p.in === 'path' || p.in === 'query')
        .flatMap((p) =>
          leafViolations(doc, p.schema, p.in).map((c) => ({
            ...c,
            field: p.name,
            path: p.in === 'path' ? { ...path, [p.name]: c.value as string } : path,
            query: p.in === 'query' ? { [p.name]: c.value as string } : {},
            body: valid,
          })),
        ),
      ...(op.bodySchema ? bodyViolations(doc, op.bodySchema, valid, known) : []).map((c) => ({
        ...c,
        path,
        query: {},
      })),
    ];
    if (cases.length === 0) continue;
    checked.add(name);
    for (const c of cases)
      expectRejected(`${name} with ${c.field} ${c.rule}`, c.field, await send(op, c.path, c.query, c.body));
    // Last, as it may change things (a password, a number's name): the smallest allowed request is not refused for its shape.
    const res = await send(op, path, {}, valid);
    if (res.status === 400) problems.push(`${name} refused ${JSON.stringify(valid)}: ${JSON.stringify(res.body)}`);
  }

  process.stdout.write(`[contract] ${broken} broken requests over ${checked.size} operations\n`);
  expect(problems).toEqual([]);
  // Every body, the query strings and the attachment number were reached.
  const withBody = operations.filter((op) => op.bodySchema).map((op) => `${op.method} ${op.template}`);
  expect([...checked]).toEqual(
    expect.arrayContaining([
      ...withBody,
      'GET /api/tenants/{tenant}/conversations',
      'GET /api/tenants/{tenant}/conversations/{id}',
      'GET /api/tenants/{tenant}/notifications',
      'GET /api/tenants/{tenant}/conversations/{id}/messages/{messageId}/media/{index}',
    ]),
  );
  expect(withBody.length).toBeGreaterThanOrEqual(13);
  expect(broken).toBeGreaterThan(100);
});
