import { ApiClient } from '../helpers/api-client';
import { login, startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack('auth');
});
afterAll(() => stack?.stop());

const postForm = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(stack.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });

test('the login page signs in with a session cookie that is HttpOnly and SameSite=Lax', async () => {
  const res = await postForm('/login', { email: 'owner@demo.test', password: 'demo1234' });
  expect(res.status).toBe(302);
  expect(res.headers.get('location')).toBe('/');
  const cookie = res.headers.get('set-cookie')!;
  expect(cookie).toMatch(/^__helios_session=/);
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Lax/i);
});

test('the login page says clearly when email or password is wrong, without saying which', async () => {
  const wrongPassword = await postForm('/login', { email: 'admin@demo.test', password: 'nope' });
  const unknownEmail = await postForm('/login', { email: 'nobody@demo.test', password: 'nope' });
  expect(wrongPassword.status).toBe(401);
  expect(unknownEmail.status).toBe(401);
  expect(await wrongPassword.text()).toContain('Wrong email or password.');
  expect(await unknownEmail.text()).toContain('Wrong email or password.');
  expect(wrongPassword.headers.get('set-cookie')).toBeNull();
});

test('a page under /app needs a session: the login page remembers where to go back', async () => {
  const res = await fetch(`${stack.url}/app/demo/whatsapp`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  expect(res.headers.get('location')).toBe('/login?redirectTo=%2Fapp%2Fdemo%2Fwhatsapp');
});

test('POST /api/auth/login sets the same session for API clients; /me and logout use it', async () => {
  const client = new ApiClient(stack.url);
  const res = await client.post('/api/auth/login', { email: 'admin@demo.test', password: 'demo1234' });
  expect(res.status).toBe(200);
  expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/i);
  expect(res.body.memberships).toEqual([expect.objectContaining({ tenantSlug: 'demo', role: 'admin' })]);

  const me = await client.get('/api/auth/me');
  expect(me.body).toMatchObject({ email: 'admin@demo.test', memberships: [{ tenantSlug: 'demo' }] });
  // The API session also opens the UI.
  const page = await client.get('/app/demo/whatsapp');
  expect(page.status).toBe(200);

  expect((await client.post('/api/auth/logout')).status).toBe(204);
  expect((await client.get('/api/auth/me')).status).toBe(401);
});

test('POST /api/auth/login: bad input is 400 with field messages, bad credentials 401', async () => {
  const client = new ApiClient(stack.url);
  const invalid = await client.post('/api/auth/login', { email: 'not-an-email' });
  expect(invalid.status).toBe(400);
  expect(invalid.body.fields).toEqual({ email: 'Enter your email address', password: 'Enter your password' });
  const malformed = await client.request('POST', '/api/auth/login', undefined, { 'content-type': 'application/json' });
  expect(malformed.status).toBe(400);
  const broken = await fetch(`${stack.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"email":',
  });
  expect(broken.status).toBe(400);
  const wrong = await client.post('/api/auth/login', { email: 'owner@demo.test', password: 'wrong' });
  expect(wrong.status).toBe(401);
  expect(wrong.body.error).toBe('Wrong email or password.');
});

test('after 5 failed sign-ins an email is locked for the window, even with the right password', async () => {
  const client = new ApiClient(stack.url);
  const email = 'agent@demo.test';
  for (let i = 0; i < 5; i++) {
    expect((await client.post('/api/auth/login', { email, password: `guess-${i}` })).status).toBe(401);
  }
  const locked = await client.post('/api/auth/login', { email, password: 'demo1234' });
  expect(locked.status).toBe(429);
  expect(locked.body.error).toMatch(/Too many failed sign-in attempts. Try again in \d+ minute/);
  const page = await postForm('/login', { email, password: 'demo1234' });
  expect(page.status).toBe(429);
  expect(await page.text()).toContain('Too many failed sign-in attempts');
  // Other people are not locked out by it.
  expect((await client.post('/api/auth/login', { email: 'owner@demo.test', password: 'demo1234' })).status).toBe(200);
});

test('a state-changing request from another site is refused (CSRF), for the API and for the forms', async () => {
  const owner = await ApiClient.signIn(stack.url, 'owner@demo.test');
  const evil = { origin: 'https://evil.example' };
  const api = await owner.request('POST', '/api/tenants/demo/ai-agents', { name: 'Evil', systemPrompt: 'x' }, evil);
  expect(api.status).toBe(403);
  expect(api.body.error).toMatch(/another site/);
  expect(await stack.db.AiAgent.exists({ name: 'Evil' })).toBeNull();

  const cookie = await login(stack.url, 'owner@demo.test');
  const form = await postForm('/logout', {}, { cookie, 'sec-fetch-site': 'cross-site' });
  expect(form.status).toBe(403);

  // Same-origin requests (what the app's own pages send) pass.
  const same = await owner.request(
    'POST',
    '/api/tenants/demo/ai-agents',
    { name: 'Fine', systemPrompt: 'x' },
    {
      origin: stack.url,
    },
  );
  expect(same.status).toBe(201);
});

test('logout clears the session cookie', async () => {
  const cookie = await login(stack.url, 'owner@demo.test');
  const res = await postForm('/logout', {}, { cookie, origin: stack.url });
  expect(res.status).toBe(302);
  expect(res.headers.get('set-cookie')).toMatch(/__helios_session=;.*Expires=Thu, 01 Jan 1970/i);
});

test.each([
  ['/app/demo/agents', '/app/demo/agents'],
  ['//evil.example/x', '/'],
  ['/\\evil.example/x', '/'],
  ['https://evil.example/', '/'],
])('after login, redirectTo %s goes to %s (never to another site)', async (redirectTo, location) => {
  const res = await postForm('/login', { email: 'owner@demo.test', password: 'demo1234', redirectTo });
  expect(res.status).toBe(302);
  expect(res.headers.get('location')).toBe(location);
});
