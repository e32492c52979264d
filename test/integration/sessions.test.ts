/** Revocable sessions (issue 13, item 4): a cookie copied before logout opens nothing after it. */
import request from 'supertest';
import { createApp } from '../../api/app';
import { ApiClient } from '../helpers/api-client';
import { login, startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack('sessions');
});
afterAll(() => stack?.stop());

const get = (path: string, cookie: string) => fetch(stack.url + path, { headers: { cookie }, redirect: 'manual' });
const post = (path: string, cookie: string, body?: unknown) =>
  fetch(stack.url + path, {
    method: 'POST',
    headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    redirect: 'manual',
  });
const postForm = (path: string, cookie: string, fields: Record<string, string> = {}) =>
  fetch(stack.url + path, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });

/** What a cookie opens: the API, a tenant route, the live stream and a page. */
async function opens(cookie: string) {
  const events = await get('/api/tenants/demo/events', cookie);
  await events.body?.cancel();
  return {
    me: (await get('/api/auth/me', cookie)).status,
    tenant: (await get('/api/tenants/demo/conversations', cookie)).status,
    events: events.status,
    page: (await get('/app/demo/whatsapp', cookie)).status,
  };
}
const OPEN = { me: 200, tenant: 200, events: 200, page: 200 };
const CLOSED = { me: 401, tenant: 401, events: 401, page: 302 };

async function apiCookie(email: string, password = 'demo1234'): Promise<string> {
  const res = await fetch(`${stack.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0];
}

test('a cookie copied before POST /api/auth/logout is refused after it, by the API and the pages', async () => {
  const cookie = await apiCookie('admin@demo.test');
  expect(await opens(cookie)).toEqual(OPEN);
  const out = await post('/api/auth/logout', cookie);
  expect(out.status).toBe(204);
  expect(out.headers.get('set-cookie')).toMatch(/Expires=Thu, 01 Jan 1970/);
  expect(await opens(cookie)).toEqual(CLOSED);
});

test('a cookie copied before signing out on the page is refused after it; other sessions stay', async () => {
  const cookie = await login(stack.url, 'agent@demo.test');
  const otherDevice = await login(stack.url, 'agent@demo.test');
  const out = await postForm('/logout', cookie);
  expect(out.status).toBe(302);
  expect(out.headers.get('location')).toBe('/login');
  expect(await opens(cookie)).toEqual(CLOSED);
  expect(await opens(otherDevice)).toEqual(OPEN);
});

test('"sign out everywhere" ends every session of the user, from the API or the page, and no one else\'s', async () => {
  const [laptop, phone] = [await apiCookie('owner@demo.test'), await login(stack.url, 'owner@demo.test')];
  const someoneElse = await apiCookie('admin@demo.test');
  expect((await post('/api/auth/logout-everywhere', laptop)).status).toBe(204);
  expect(await opens(laptop)).toEqual(CLOSED);
  expect(await opens(phone)).toEqual(CLOSED);
  expect(await opens(someoneElse)).toEqual(OPEN);

  const [again, another] = [await login(stack.url, 'owner@demo.test'), await apiCookie('owner@demo.test')];
  expect((await postForm('/logout', again, { everywhere: '1' })).status).toBe(302);
  expect(await opens(again)).toEqual(CLOSED);
  expect(await opens(another)).toEqual(CLOSED);
  // Without a session there is no one to sign out.
  expect((await post('/api/auth/logout-everywhere', again)).status).toBe(401);
});

test('changing the password keeps this session, ends the others, and only the new password signs in', async () => {
  const here = await apiCookie('agent@demo.test');
  const elsewhere = await login(stack.url, 'agent@demo.test');
  const wrong = await post('/api/auth/password', here, { currentPassword: 'nope', newPassword: 'a-new-password' });
  expect(wrong.status).toBe(400);
  expect((await wrong.json()).error).toBe('The current password is wrong.');
  const short = await post('/api/auth/password', here, { currentPassword: 'demo1234', newPassword: 'short' });
  expect(short.status).toBe(400);
  expect((await short.json()).fields.newPassword).toContain('at least 8 characters');
  expect(await opens(elsewhere)).toEqual(OPEN);

  const changed = await post('/api/auth/password', here, {
    currentPassword: 'demo1234',
    newPassword: 'a-new-password',
  });
  expect(changed.status).toBe(204);
  expect(await opens(here)).toEqual(OPEN);
  expect(await opens(elsewhere)).toEqual(CLOSED);
  expect(
    (await new ApiClient(stack.url).post('/api/auth/login', { email: 'agent@demo.test', password: 'demo1234' })).status,
  ).toBe(401);
  await apiCookie('agent@demo.test', 'a-new-password');
  expect(
    (await post('/api/auth/password', 'nothing=1', { currentPassword: 'x', newPassword: 'yyyyyyyy' })).status,
  ).toBe(401);
});

test('a cookie forged with the signing secret but no session behind it opens nothing', async () => {
  // What the attacker did with a leaked SESSION_SECRET: sign a cookie by hand.
  const { createCookie } = await import('@remix-run/node');
  const user = await stack.db.User.findOne({ email: 'owner@demo.test' }).lean();
  const forged = await createCookie('__helios_session', { secrets: [stack.config.SESSION_SECRET] }).serialize(
    String(user!._id),
  );
  expect(await opens(forged.split(';')[0])).toEqual(CLOSED);
});

test('the session cookie is Secure exactly when the request came over https (behind a trusted proxy)', async () => {
  const behindProxy = createApp({ ...stack, config: { ...stack.config, TRUST_PROXY: true } });
  try {
    const body = { email: 'admin@demo.test', password: 'demo1234' };
    const https = await request(behindProxy).post('/api/auth/login').set('x-forwarded-proto', 'https').send(body);
    expect(https.headers['set-cookie'][0]).toMatch(/; Secure/);
    const http = await request(behindProxy).post('/api/auth/login').send(body);
    expect(http.headers['set-cookie'][0]).not.toMatch(/Secure/);
  } finally {
    behindProxy.close();
  }
});
