/**
 * A person's path through issue 3 in a real browser: sign in, connect Twilio,
 * create an AI agent, connect numbers (dropdown and manual), toggle, edit,
 * delete. Screenshots of each page go to test/artifacts/.
 */
import type { Browser, Page } from 'playwright-core';
import { FakeMetaGraph } from '../fakes/meta-graph';
import { FakeTwilio } from '../fakes/twilio-api';
import { launchBrowser, screenshot, signIn } from '../helpers/browser';
import { startTestStack, type TestStack } from '../helpers/stack';

const SID = 'AC' + 'c'.repeat(32);
const TOKEN = 'acme-browser-token';
let stack: TestStack;
let fake: FakeTwilio;
let graph: FakeMetaGraph;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  fake = await FakeTwilio.start([
    { sid: SID, authToken: TOKEN, incomingNumbers: ['+15550001111'], whatsappSenders: ['whatsapp:+15550002222'] },
  ]);
  graph = await FakeMetaGraph.start();
  graph.tokens.set('106540352242922', 'EAAG-browser-secret');
  stack = await startTestStack('browser-numbers', {
    env: { TWILIO_API_BASE_URL: fake.url, META_GRAPH_BASE_URL: graph.url },
  });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await fake?.stop();
  await graph?.stop();
});

const dialog = () => page.getByRole('dialog');
const card = (name: string) => page.getByRole('listitem', { name, exact: true });

async function openWhatsApp() {
  await page.goto(`${stack.url}/app/acme/whatsapp`);
  // The cards load after hydration: once they show, the page's buttons work.
  await page.getByRole('heading', { name: 'Numbers' }).waitFor();
  await page.getByText('Loading numbers…').waitFor({ state: 'detached' });
}

test('login: a wrong password is refused with a clear message, the right one opens the inbox', async () => {
  await page.goto(`${stack.url}/login`);
  await page.getByLabel('Email').fill('owner@acme.test');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectVisible(page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }));
  await screenshot(page, '01-login-wrong-password');

  await signIn(page, stack.url, 'owner@acme.test');
  expect(new URL(page.url()).pathname).toBe('/app/acme/whatsapp');
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const entry of ['WhatsApp', 'Integrations', 'Agents'])
    await expectVisible(nav.getByRole('link', { name: entry }));
  await expectVisible(nav.getByRole('link', { name: 'Notifications' }));
});

test('without Twilio, Connect New Number says so and links to Integrations', async () => {
  await openWhatsApp();
  await expectVisible(page.getByText('No WhatsApp numbers yet.'));
  await page.getByRole('button', { name: 'Connect New Number' }).click();
  await expectVisible(dialog().getByText('No numbers appear: check Twilio in'));
  await screenshot(page, '02-connect-number-no-twilio');
  await dialog().getByRole('link', { name: 'Integrations' }).click();
  await page.waitForURL(`${stack.url}/app/acme/integrations`);
});

test('Integrations: bad Twilio credentials are refused with Twilio’s reason; good ones show Connected', async () => {
  await page.goto(`${stack.url}/app/acme/integrations`);
  await expectVisible(page.getByText('Not connected').first());
  await page.getByLabel('Account SID').fill('AC123');
  await page.getByRole('button', { name: 'Connect Twilio' }).click();
  await expectVisible(page.getByText(/starts with AC followed by 32/));

  await page.getByLabel('Account SID').fill(SID);
  await page.getByLabel('Auth Token').fill('wrong-token');
  await page.getByRole('button', { name: 'Connect Twilio' }).click();
  await expectVisible(page.getByText(/Twilio did not accept this Account SID and Auth Token/).first());
  await screenshot(page, '03-integrations-twilio-rejected');

  await page.getByLabel('Account SID').fill(SID);
  await page.getByLabel('Auth Token').fill(TOKEN);
  await page.getByRole('button', { name: 'Connect Twilio' }).click();
  await expectVisible(page.getByText('Twilio is connected.'));
  await expectVisible(page.locator('.pill', { hasText: /^Connected$/ }).first());

  await page.getByLabel('App Secret').fill('meta-app-secret-value');
  await page.getByRole('button', { name: 'Save App Secret' }).click();
  await expectVisible(page.getByText('Meta settings saved.'));
  await screenshot(page, '04-integrations-connected');
  // The token never comes back to the browser.
  expect(await page.content()).not.toContain(TOKEN);
  expect(await page.content()).not.toContain('meta-app-secret-value');
});

test('Agents: validation messages, then an AI agent is created', async () => {
  await page.goto(`${stack.url}/app/acme/agents`);
  await expectVisible(page.getByText('No AI agents yet.'));
  await page.getByRole('button', { name: 'New AI agent' }).click();
  await dialog().getByRole('button', { name: 'Create AI agent' }).click();
  await expectVisible(dialog().getByText('Enter a name'));
  await expectVisible(dialog().getByText('Write the system prompt: how the AI should behave'));
  await screenshot(page, '05-agents-validation');
  await dialog().getByLabel('Name').fill('Acme helper');
  await dialog().getByLabel('System prompt').fill('You help Acme customers with orders. Be brief.');
  await dialog().getByRole('button', { name: 'Create AI agent' }).click();
  await dialog().waitFor({ state: 'hidden' });
  await expectVisible(card('Acme helper').getByText('WhatsApp on'));
  await screenshot(page, '06-agents-list');
});

test('Connect New Number: each validation message, then one number from the dropdown and one by hand', async () => {
  await openWhatsApp();
  await page.getByRole('button', { name: 'Connect New Number' }).click();
  const d = dialog();
  await d.getByRole('combobox', { name: 'WhatsApp number' }).waitFor();
  await d.getByLabel(/^Active/).check();
  await d.getByRole('button', { name: 'Connect number' }).click();
  await expectVisible(d.getByText('Enter a display name'));
  await expectVisible(d.getByText('Choose an AI agent: an active number needs one to answer'));
  await expectVisible(d.getByText('Choose a number from the list, or enter one as whatsapp:+1234567890'));

  await d.getByRole('combobox', { name: 'WhatsApp number' }).selectOption('manual');
  await d.getByLabel('Number', { exact: true }).fill('12345');
  await d.getByRole('button', { name: 'Connect number' }).click();
  await expectVisible(d.getByText(/"12345" is not a WhatsApp number: use the form whatsapp:\+1234567890/));

  await d.getByLabel('Meta Cloud API (legacy)').check();
  await d.getByRole('button', { name: 'Connect number' }).click();
  await expectVisible(d.getByText('Enter the Phone Number ID from Meta’s WhatsApp Manager'));
  await expectVisible(d.getByText('Enter the Access Token'));
  await screenshot(page, '07-connect-number-validation');

  // From the dropdown: the account's incoming number and its WhatsApp sender are both offered.
  await d.getByLabel('Twilio (recommended)').check();
  const select = d.getByRole('combobox', { name: 'WhatsApp number' });
  await expect(select.locator('option').allTextContents()).resolves.toEqual([
    'Choose a number…',
    'whatsapp:+15550001111',
    'whatsapp:+15550002222 · WhatsApp sender',
    'Not listed: enter it by hand…',
  ]);
  await d.getByLabel('Display Name').fill('Acme Sales');
  await d.getByRole('combobox', { name: /Assigned AI agent/ }).selectOption({ label: 'Acme helper' });
  await select.selectOption('whatsapp:+15550002222');
  // Each corrected field's message is gone before submitting again.
  expect(await d.getByText('Enter a display name').count()).toBe(0);
  expect(await d.getByText('Choose an AI agent: an active number needs one to answer').count()).toBe(0);
  await screenshot(page, '08-connect-number-dropdown');
  await d.getByRole('button', { name: 'Connect number' }).click();
  await d.waitFor({ state: 'hidden' });
  const sales = card('Acme Sales');
  await expectVisible(sales.getByText('whatsapp:+15550002222'));
  await expectVisible(sales.getByText('Active', { exact: true }));
  await expectVisible(sales.getByText('Acme helper'));
  expect(await sales.getByRole('textbox', { name: /Webhook URL/ }).inputValue()).toBe(
    `${stack.url}/webhooks/twilio/acme`,
  );

  // By hand, inactive, no AI agent.
  await page.getByRole('button', { name: 'Connect New Number' }).click();
  await d.getByRole('combobox', { name: 'WhatsApp number' }).waitFor();
  await d.getByLabel('Display Name').fill('Manual line');
  await d.getByRole('combobox', { name: 'WhatsApp number' }).selectOption('manual');
  // A number the Twilio account does not have is refused, saying why.
  await d.getByLabel('Number', { exact: true }).fill('whatsapp:+15550009999');
  await d.getByRole('button', { name: 'Connect number' }).click();
  await expectVisible(
    d.getByText(`whatsapp:+15550009999 is not a number or WhatsApp sender of your Twilio account ${SID}`),
  );
  await d.getByLabel('Number', { exact: true }).fill('+1 555 000 1111');
  await d.getByRole('button', { name: 'Connect number' }).click();
  await d.waitFor({ state: 'hidden' });
  await expectVisible(card('Manual line').getByText('Inactive'));

  // The same number twice is refused.
  await page.getByRole('button', { name: 'Connect New Number' }).click();
  await d.getByRole('combobox', { name: 'WhatsApp number' }).waitFor();
  await d.getByLabel('Display Name').fill('Again');
  await d.getByRole('combobox', { name: 'WhatsApp number' }).selectOption('manual');
  await d.getByLabel('Number', { exact: true }).fill('+15550001111');
  await d.getByRole('button', { name: 'Connect number' }).click();
  await expectVisible(d.getByText('whatsapp:+15550001111 is already connected (as "Manual line")'));
  await d.getByRole('button', { name: 'Cancel' }).click();
  await screenshot(page, '09-number-cards');
  expect(await stack.db.WhatsAppNumber.countDocuments({ displayName: { $in: ['Acme Sales', 'Manual line'] } })).toBe(2);
});

test('a Meta number: its Access Token is never shown again, and a blank token on edit keeps it', async () => {
  await openWhatsApp();
  await page.getByRole('button', { name: 'Connect New Number' }).click();
  const d = dialog();
  await d.getByLabel('Display Name').fill('Legacy Meta');
  await d.getByLabel('Meta Cloud API (legacy)').check();
  await d.getByLabel('Phone Number ID').fill('106540352242922');
  await d.getByLabel(/Business Account ID/).fill('102290129340398');
  await d.getByLabel('Access Token').fill('EAAG-browser-secret');
  await d.getByRole('button', { name: 'Connect number' }).click();
  await d.waitFor({ state: 'hidden' });
  const meta = card('Legacy Meta');
  await expectVisible(meta.getByText('Phone Number ID 106540352242922'));
  await expectVisible(meta.getByText('Meta Cloud API'));
  expect(await meta.getByRole('textbox', { name: /Webhook URL/ }).inputValue()).toBe(`${stack.url}/webhooks/meta/acme`);

  await meta.getByRole('button', { name: 'Edit' }).click();
  expect(await d.getByLabel('Access Token').inputValue()).toBe('');
  expect(await d.getByLabel('Access Token').getAttribute('placeholder')).toBe('Saved: leave blank to keep it');
  await d.getByLabel('Display Name').fill('Legacy Meta line');
  await d.getByRole('button', { name: 'Save changes' }).click();
  await d.waitFor({ state: 'hidden' });
  await expectVisible(card('Legacy Meta line').getByText('Phone Number ID 106540352242922'));
  expect(await page.content()).not.toContain('EAAG-browser-secret');
  const saved = await stack.db.WhatsAppNumber.findOne({ displayName: 'Legacy Meta line' }).lean();
  expect(saved!.meta!.accessTokenEncrypted).toMatch(/^v1:/);
  await screenshot(page, '09b-meta-number-card');
});

test('number cards: toggle (refused without an AI agent), edit with the modal prefilled, delete after confirming', async () => {
  await openWhatsApp();
  const manual = card('Manual line');
  await manual.getByRole('button', { name: 'Activate' }).click();
  await expectVisible(
    manual.getByText('"Manual line" has no AI agent. Edit the number and assign one before activating it.'),
  );
  await screenshot(page, '10-toggle-refused');

  await card('Acme Sales').getByRole('button', { name: 'Deactivate' }).click();
  await expectVisible(card('Acme Sales').getByText('Inactive'));

  await manual.getByRole('button', { name: 'Edit' }).click();
  const d = dialog();
  expect(await d.getByLabel('Display Name').inputValue()).toBe('Manual line');
  await d.getByRole('combobox', { name: 'WhatsApp number' }).waitFor();
  expect(await d.getByRole('combobox', { name: 'WhatsApp number' }).inputValue()).toBe('whatsapp:+15550001111');
  await d.getByLabel('Display Name').fill('Manual line 2');
  await d.getByRole('combobox', { name: /Assigned AI agent/ }).selectOption({ label: 'Acme helper' });
  await d.getByLabel(/^Active/).check();
  await screenshot(page, '11-edit-number');
  await d.getByRole('button', { name: 'Save changes' }).click();
  await d.waitFor({ state: 'hidden' });
  await expectVisible(card('Manual line 2').getByText('Active', { exact: true }));
  // The earlier refusal no longer applies and is gone.
  expect(await card('Manual line 2').getByRole('alert').count()).toBe(0);

  await card('Manual line 2').getByRole('button', { name: 'Delete' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete Manual line 2?' });
  await expectVisible(confirm.getByText(/stops receiving messages here/));
  await screenshot(page, '12-delete-confirmation');
  await confirm.getByRole('button', { name: 'Delete number' }).click();
  await card('Manual line 2').waitFor({ state: 'detached' });
  expect(await stack.db.WhatsAppNumber.exists({ displayName: 'Manual line 2' })).toBeNull();
  await screenshot(page, '13-after-delete');
});

test('Agents: an AI agent in use by an active number cannot be deleted; the dialog says which number', async () => {
  await openWhatsApp();
  await card('Acme Sales').getByRole('button', { name: 'Activate' }).click();
  await expectVisible(card('Acme Sales').getByText('Active', { exact: true }));
  await page.goto(`${stack.url}/app/acme/agents`);
  const helper = card('Acme helper');
  await expectVisible(helper.getByText('Answers on: Acme Sales', { exact: true }));
  await helper.getByRole('button', { name: 'Delete' }).click();
  await page
    .getByRole('dialog', { name: 'Delete Acme helper?' })
    .getByRole('button', { name: 'Delete AI agent' })
    .click();
  await expectVisible(
    page.getByText(
      '"Acme helper" cannot be deleted: active numbers use it (Acme Sales). Deactivate them or assign another AI agent first.',
    ),
  );
  await screenshot(page, '15-agents-delete-refused');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  await helper.getByRole('button', { name: 'Edit' }).click();
  await dialog().getByLabel('Name').fill('Acme helper v2');
  await dialog().getByLabel('Model').fill('gpt-4.1-mini');
  await dialog().getByRole('button', { name: 'Save' }).click();
  await dialog().waitFor({ state: 'hidden' });
  await expectVisible(card('Acme helper v2').getByText('Model: gpt-4.1-mini'));
});

test('Integrations: Twilio cannot be disconnected while a number uses it; the confirmation says what happens', async () => {
  await page.goto(`${stack.url}/app/acme/integrations`);
  const twilioPanel = page.getByRole('article', { name: 'Twilio' });
  await twilioPanel.getByRole('button', { name: 'Disconnect' }).click();
  const confirm = page.getByRole('dialog', { name: 'Disconnect Twilio?' });
  await expectVisible(confirm.getByText('The saved Account SID and Auth Token are deleted.'));
  await confirm.getByRole('button', { name: 'Disconnect' }).click();
  await expectVisible(
    twilioPanel.getByText('Twilio still serves these numbers: Acme Sales. Delete them first, then disconnect.'),
  );
  await screenshot(page, '16-integrations-disconnect-refused');
  expect(await stack.db.TwilioIntegration.countDocuments()).toBe(2); // demo's and acme's
});

test('an agent-role member sees the numbers but no management buttons, and no Integrations', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const agentPage = await context.newPage();
  try {
    await signIn(agentPage, stack.url, 'agent@demo.test');
    await agentPage.getByRole('listitem', { name: 'Sales Support' }).waitFor();
    expect(await agentPage.getByRole('button', { name: 'Connect New Number' }).count()).toBe(0);
    expect(await agentPage.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    expect(await agentPage.getByRole('link', { name: 'Integrations' }).count()).toBe(0);
    await screenshot(agentPage, '14-agent-role-whatsapp');
    const res = await agentPage.goto(`${stack.url}/app/demo/integrations`);
    expect(res!.status()).toBe(403);
    await expectVisible(agentPage.getByText('Your role (agent) does not allow this'));
  } finally {
    await context.close();
  }
});

async function expectVisible(locator: ReturnType<Page['locator']>) {
  await locator.waitFor({ state: 'visible', timeout: 10_000 });
}
