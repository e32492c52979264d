import OpenAPISchemaValidator from 'openapi-schema-validator';
import { ApiClient } from '../helpers/api-client';
import { startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let doc: { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };

beforeAll(async () => {
  stack = await startTestStack('openapi');
  doc = (await new ApiClient(stack.url).get('/api/openapi.json')).body;
});
afterAll(() => stack?.stop());

test('GET /api/openapi.json is public and an OpenAPI 3.0 document whose $refs all resolve', async () => {
  const res = await fetch(`${stack.url}/api/openapi.json`);
  expect(res.status).toBe(200);
  expect(doc.openapi).toBe('3.0.3');
  const text = JSON.stringify(doc);
  const refs = [...text.matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]);
  const schemas = (doc as unknown as { components: { schemas: Record<string, unknown> } }).components.schemas;
  expect(refs.length).toBeGreaterThan(10);
  for (const name of refs) expect(Object.keys(schemas)).toContain(name);
});

test('the document is valid against the OpenAPI 3.0 schema', () => {
  const { errors } = new OpenAPISchemaValidator({ version: 3 }).validate(doc as never);
  expect(errors).toEqual([]);
});

test('every operation in the document is served by the app (none answers "No API route")', async () => {
  const owner = await ApiClient.signIn(stack.url, 'owner@demo.test');
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
  );
  expect(operations.length).toBe(47); // 5 auth + the event stream + 41 tenant routes (the tenancy matrix has the 41)
  for (const { method, path } of operations) {
    if (path === '/api/auth/logout' || path === '/api/auth/logout-everywhere') continue; // would end the session used below
    if (path.endsWith('/events')) {
      // An endless stream: its headers are the answer.
      const abort = new AbortController();
      const res = await fetch(`${stack.url}/api/tenants/demo/events`, {
        headers: { cookie: owner.cookieHeader! },
        signal: abort.signal,
      });
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      abort.abort();
      continue;
    }
    const url = path.replace('{tenant}', 'demo').replace('{id}', '000000000000000000000000');
    const res = await owner.request(method, url, method === 'GET' || method === 'DELETE' ? undefined : {});
    expect({ method, path, error: res.body?.error }).not.toEqual(
      expect.objectContaining({ error: expect.stringMatching(/^No API route/) }),
    );
  }
  // And an undocumented path is not served.
  expect((await owner.get('/api/tenants/demo/secrets')).body.error).toMatch(/^No API route/);
});
