import type { Browser } from 'playwright-core';
import { DEMO_CANNED_RESPONSES, DEMO_TWILIO_ACCOUNT_SID, DEMO_TWILIO_AUTH_TOKEN } from '../../dev/seed';
import { FakeTwilio } from '../fakes/twilio-api';
import { ApiClient } from '../helpers/api-client';
import { launchBrowser, openConversation, screenshot } from '../helpers/browser';
import { conversationOf, newCustomer, signalInbound } from '../helpers/conversations';
import { eventually, startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let twilio: FakeTwilio;
let browser: Browser;
let owner: ApiClient;
let agent: ApiClient;
let outsider: ApiClient;
const base = '/api/tenants/demo/canned-responses';
let seq = 0;
const title = (what: string) => `${what} ${Date.now()}-${++seq}`;

beforeAll(async () => {
  twilio = await FakeTwilio.start([
    { sid: DEMO_TWILIO_ACCOUNT_SID, authToken: DEMO_TWILIO_AUTH_TOKEN, incomingNumbers: ['+14155238886'] },
  ]);
  stack = await startTestStack('canned', { env: { TWILIO_API_BASE_URL: twilio.url } });
  owner = await ApiClient.signIn(stack.url, 'owner@demo.test');
  agent = await ApiClient.signIn(stack.url, 'agent@demo.test');
  outsider = await ApiClient.signIn(stack.url, 'owner@acme.test');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await twilio?.stop();
});

test.each([
  [{}, { title: 'Enter a title', text: 'Write the reply text' }],
  [
    { title: '  ', text: ' ' },
    { title: 'Enter a title', text: 'Write the reply text' },
  ],
  [{ title: 'x'.repeat(81), text: 'ok' }, { title: 'Keep the title under 80 characters' }],
  [{ title: 'Long', text: 'y'.repeat(2001) }, { text: 'Keep the reply under 2000 characters' }],
  [
    { title: 7, text: ['a'] },
    { title: expect.any(String), text: expect.any(String) },
  ],
  [
    { title: 'Unknown', text: 'Hi {{customer.email}}, order {{ order.id }} for {{customer.name}}' },
    {
      text: 'Unknown placeholders {{customer.email}}, {{order.id}}: use {{customer.name}}, {{customer.phone}}, {{agent.name}}, {{number.name}}',
    },
  ],
])('bad input is 400 with a message per field (case %#)', async (body, fields) => {
  const res = await owner.post(base, body);
  expect(res.status).toBe(400);
  expect(res.body.fields).toEqual(fields);
});

test('create, list, edit and delete; every role lists them, only owners and admins write', async () => {
  const created = await owner.post(base, { title: title('Thanks'), text: 'Thanks {{customer.name}}!' });
  expect(created.status).toBe(201);
  const { id } = created.body;
  expect((await agent.get(base)).body.cannedResponses).toContainEqual(created.body);
  expect((await agent.post(base, { title: title('Agent'), text: 'x' })).status).toBe(403);
  expect((await agent.put(`${base}/${id}`, { title: 'Taken over', text: 'x' })).status).toBe(403);
  expect((await agent.delete(`${base}/${id}`)).status).toBe(403);

  const edited = await owner.put(`${base}/${id}`, { title: created.body.title, text: 'Thank you, {{agent.name}}' });
  expect(edited.status).toBe(200);
  expect((await owner.get(`${base}/${id}`)).body.text).toBe('Thank you, {{agent.name}}');
  expect((await owner.delete(`${base}/${id}`)).status).toBe(204);
  expect((await owner.get(`${base}/${id}`)).status).toBe(404);
});

test('the demo seed brings its canned responses, by title', async () => {
  const titles = (await owner.get(base)).body.cannedResponses.map((c: { title: string }) => c.title);
  expect(titles).toEqual(expect.arrayContaining(DEMO_CANNED_RESPONSES.map((c) => c.title)));
});

test('two canned responses cannot share a title, on create or on rename: 409 naming it, nothing changes', async () => {
  const taken = title('Twin');
  await owner.post(base, { title: taken, text: 'one' });
  const clash = await owner.post(base, { title: taken, text: 'two' });
  expect(clash.status).toBe(409);
  expect(clash.body.error).toBe(`A canned response titled "${taken}" already exists.`);
  expect(clash.body.fields).toEqual({ title: 'This title is already used' });

  const other = await owner.post(base, { title: title('Other'), text: 'three' });
  const rename = await owner.put(`${base}/${other.body.id}`, { title: taken, text: 'three' });
  expect(rename.status).toBe(409);
  expect(rename.body.fields).toEqual({ title: 'This title is already used' });
  expect((await owner.get(`${base}/${other.body.id}`)).body.title).toBe(other.body.title);
});

test("another tenant's canned response is 404 and stays as it is; its list does not show ours", async () => {
  const mine = await owner.post(base, { title: title('Private'), text: 'ours' });
  expect((await outsider.get(`/api/tenants/acme/canned-responses`)).body.cannedResponses).toEqual([]);
  const acmeOwn = await outsider.post('/api/tenants/acme/canned-responses', { title: title('Acme'), text: 'theirs' });
  for (const res of [
    await owner.get(`${base}/${acmeOwn.body.id}`),
    await owner.put(`${base}/${acmeOwn.body.id}`, { title: 'Stolen', text: 'x' }),
    await owner.delete(`${base}/${acmeOwn.body.id}`),
    await outsider.get(`/api/tenants/acme/canned-responses/${mine.body.id}`),
  ])
    expect(res.status).toBe(404);
  expect((await outsider.get(`/api/tenants/acme/canned-responses/${acmeOwn.body.id}`)).body.title).toBe(
    acmeOwn.body.title,
  );
  for (const bad of ['not-an-id', '0123456789abcdef01234567'])
    expect((await owner.get(`${base}/${bad}`)).status).toBe(404);
});

test('browser: create one on the page, then in a chat type /, filter, pick with the keyboard, edit and send', async () => {
  const from = newCustomer();
  await signalInbound(stack, from, 'When can you call me?');
  const conversation = await conversationOf(stack, from);

  const page = await openConversation(browser, stack.url, 'admin@demo.test', conversation._id);
  await page.getByRole('link', { name: 'Canned responses' }).click();
  await page.getByRole('heading', { name: 'Canned responses', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'New canned response' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Title').fill('Callback promise');
  await dialog.getByLabel('Text').fill('Hi {{customer.nam}}');
  await dialog.getByRole('button', { name: 'Create canned response' }).click();
  // The field's own error, beside it; the dialog stays open with what was typed.
  await dialog.locator('#text-error', { hasText: 'Unknown placeholder {{customer.nam}}' }).waitFor();
  await screenshot(page, 'canned-responses-field-error');
  await dialog
    .getByLabel('Text')
    .fill('Hi {{customer.name}}, {{agent.name}} of {{number.name}} will call you on {{customer.phone}}.');
  await dialog.getByRole('button', { name: 'Create canned response' }).click();
  await page.getByRole('listitem', { name: 'Callback promise' }).waitFor();
  await dialog.waitFor({ state: 'detached' });
  await screenshot(page, 'canned-responses-page');

  await page.goto(`${stack.url}/app/demo/whatsapp/${conversation._id}`);
  const composer = page.getByLabel('Your reply');
  await composer.pressSequentially('/');
  const list = page.getByRole('listbox', { name: 'Canned responses' });
  await list.waitFor();
  // Every canned response shows until something follows the `/`.
  expect(await list.getByRole('option').count()).toBeGreaterThanOrEqual(DEMO_CANNED_RESPONSES.length + 1);
  await composer.pressSequentially('call');
  // "Call back" (seed) and "Callback promise": both match, sorted by title.
  await eventually(async () => (await list.getByRole('option').count()) === 2, 'two matches for "call"');
  expect(await list.getByRole('option', { selected: true }).locator('.canned-title').textContent()).toBe('Call back');
  await composer.press('ArrowDown');
  const chosen = list.getByRole('option', { selected: true });
  expect(await chosen.locator('.canned-title').textContent()).toBe('Callback promise');
  expect(await composer.getAttribute('aria-activedescendant')).toBe(await chosen.getAttribute('id'));
  await screenshot(page, 'canned-responses-picker');

  await composer.press('Enter');
  await list.waitFor({ state: 'detached' });
  const filled = 'Hi Test Customer, Adam Admin of Sales Support will call you on';
  expect(await composer.inputValue()).toMatch(new RegExp(`^${filled} \\+\\d{2}••••\\d{4}\\.$`));
  // Nothing was sent by the Enter that picked it; the person edits, then sends.
  expect(twilio.messages.filter((m) => m.to === from)).toEqual([]);
  await composer.press('End');
  await composer.pressSequentially(' Today!');
  await screenshot(page, 'canned-responses-filled');
  await composer.press('Enter');
  await page.locator('li.bubble-human', { hasText: 'Today!' }).waitFor({ timeout: 15_000 });
  const sent = await eventually(async () => twilio.messages.find((m) => m.to === from) ?? null, 'the reply at Twilio');
  expect(sent.body).toMatch(new RegExp(`^${filled} \\+\\d{2}••••\\d{4}\\. Today!$`));

  // Nothing matching is said; Esc closes the list and keeps what was typed.
  await composer.pressSequentially('/zzz');
  await page.getByRole('status').filter({ hasText: 'No canned response matches “zzz”.' }).waitFor();
  await composer.fill('');
  await composer.pressSequentially('/greet');
  await list.waitFor();
  await composer.press('Escape');
  await list.waitFor({ state: 'detached' });
  expect(await composer.inputValue()).toBe('/greet');

  // Deleting asks first; once confirmed the card and the `/` choice are gone.
  await page.goto(`${stack.url}/app/demo/canned-responses`);
  const card = page.getByRole('listitem', { name: 'Callback promise' });
  await card.getByRole('button', { name: 'Delete' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete Callback promise?' });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await confirm.waitFor({ state: 'hidden' });
  expect(await card.count()).toBe(1);
  await card.getByRole('button', { name: 'Delete' }).click();
  await confirm.getByRole('button', { name: 'Delete canned response' }).click();
  await card.waitFor({ state: 'detached' });
  const left = (await owner.get(base)).body.cannedResponses.map((c: { title: string }) => c.title);
  expect(left).not.toContain('Callback promise');
  await page.close();
});
