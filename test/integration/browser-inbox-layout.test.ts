import type { Browser, Page } from 'playwright-core';
import { DEMO_TWILIO_ACCOUNT_SID, DEMO_TWILIO_AUTH_TOKEN } from '../../dev/seed';
import { dayLabel, exactTime } from '../../web/app/utils/time';
import { FakeTwilio } from '../fakes/twilio-api';
import { launchBrowser, screenshot, signIn } from '../helpers/browser';
import { conversationOf, messageCount, newCustomer, signalInbound } from '../helpers/conversations';
import { eventually, startTestStack, type TestStack } from '../helpers/stack';

// No OpenAI: conversations are human-only, so customer messages raise notifications and escalations.
let stack: TestStack;
let twilio: FakeTwilio;
let browser: Browser;

beforeAll(async () => {
  twilio = await FakeTwilio.start([{ sid: DEMO_TWILIO_ACCOUNT_SID, authToken: DEMO_TWILIO_AUTH_TOKEN }]);
  stack = await startTestStack('inbox-layout', { env: { TWILIO_API_BASE_URL: twilio.url } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await twilio?.stop();
});

async function customerWrites(text: string, options: Parameters<typeof signalInbound>[3] = {}) {
  const from = newCustomer();
  await signalInbound(stack, from, text, options);
  return conversationOf(stack, from);
}

const thread = (page: Page) => page.getByRole('list', { name: 'Messages' });

/** How far the page is wider than the screen, in px (0: nothing to scroll sideways). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('at phone widths the sidebar folds into a menu and each conversation fits with View Chat on screen', async () => {
  const long = 'Necesito cambiar la dirección de entrega: https://example.com/pedidos/123456789012345678901234567890';
  await customerWrites(long);
  await customerWrites('Is the shop open on Sunday?');
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await signIn(page, stack.url, 'owner@demo.test');
  await page.goto(`${stack.url}/app/demo/whatsapp`);
  await page.locator('tr[data-conversation-id]').nth(1).waitFor();

  for (const width of [360, 390, 414]) {
    await page.setViewportSize({ width, height: 844 });
    expect(await overflow(page)).toBe(0);
    for (const link of await page.getByRole('link', { name: /^View chat with/ }).all()) {
      const box = (await link.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
    }
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'layout-phone-inbox');

  // The top bar holds brand, bell and Menu; the sections and the account open from Menu.
  const signOut = page.getByRole('button', { name: 'Sign out', exact: true });
  expect(await signOut.isVisible()).toBe(false);
  const menu = page.getByRole('button', { name: 'Menu' });
  await menu.click();
  expect(await menu.getAttribute('aria-expanded')).toBe('true');
  const everywhere = page.getByRole('button', { name: 'Sign out everywhere' });
  const role = page.getByText('Signed in as owner');
  await everywhere.waitFor();
  const boxes = [await role.boundingBox(), await signOut.boundingBox(), await everywhere.boundingBox()];
  // One per line, none over another.
  for (let i = 1; i < boxes.length; i++)
    expect(boxes[i]!.y).toBeGreaterThanOrEqual(boxes[i - 1]!.y + boxes[i - 1]!.height);
  expect(await overflow(page)).toBe(0);
  await screenshot(page, 'layout-phone-menu');

  // Following a link closes the menu again.
  await page.getByRole('link', { name: 'Agents' }).click();
  await page.waitForURL(/\/agents$/);
  await eventually(async () => (await menu.getAttribute('aria-expanded')) === 'false', 'the menu closed');
  await page.close();
});

test("the list says how long ago, with the exact time in the reader's zone on hover; the tab counts unread", async () => {
  const earlier = await customerWrites('Two hours ago I asked about my order');
  await stack.db.Conversation.updateOne(
    { _id: earlier._id },
    { $set: { lastMessageAt: new Date(Date.now() - 2 * 3600_000 - 60_000) } },
  );
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Europe/Madrid' });
  const page = await context.newPage();
  await signIn(page, stack.url, 'agent@demo.test');
  await page.goto(`${stack.url}/app/demo/whatsapp`);
  const time = page.locator(`tr[data-conversation-id="${earlier._id}"] td.when time`);
  await eventually(async () => (await time.textContent()) === '2 h ago', 'the relative time');
  // The zone is the browser's (Madrid), not the server's UTC.
  await eventually(
    async () =>
      /^\w{3} \d{1,2} \w{3} \d{4}, \d{2}:\d{2} (CET|CEST|GMT\+1|GMT\+2)$/.test(
        (await time.getAttribute('title')) ?? '',
      ),
    'the exact time on hover',
  );

  const unread = async () => {
    const label =
      (await page
        .getByRole('link', { name: /^Notifications/ })
        .first()
        .getAttribute('aria-label')) ?? '';
    return Number(/(\d+) unread/.exec(label)?.[1] ?? 0);
  };
  const before = await eventually(unread, 'an unread count');
  expect(await page.title()).toBe(`(${before}) Demo Company · Helios WhatsApp`);
  await customerWrites('A new question');
  await eventually(async () => (await page.title()) === `(${before + 1}) Demo Company · Helios WhatsApp`, 'the title');
  await screenshot(page, 'layout-desktop-relative-times');
  await context.close();
});

test('escalation alerts are opt-in: permission is asked from the click, then an escalation chimes and shows a desktop notification', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // The OS notification and the speaker are outside the page: record what the app asks of them.
  await context.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    const shown: { title: string; body?: string; tag?: string }[] = [];
    const asked: number[] = [];
    w.__shown = shown;
    w.__asked = asked;
    w.__chimes = 0;
    class RecordingNotification {
      static get permission() {
        return localStorage.getItem('__permission') ?? 'default';
      }
      static requestPermission() {
        asked.push(Date.now());
        localStorage.setItem('__permission', 'granted');
        return Promise.resolve('granted');
      }
      onclick: (() => void) | null = null;
      constructor(title: string, options: { body?: string; tag?: string } = {}) {
        shown.push({ title, body: options.body, tag: options.tag });
      }
      close() {}
    }
    w.Notification = RecordingNotification;
    const createOscillator = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function (this: AudioContext) {
      w.__chimes = (w.__chimes as number) + 1;
      return createOscillator.call(this);
    };
  });
  const page = await context.newPage();
  await signIn(page, stack.url, 'agent@demo.test');
  await page.goto(`${stack.url}/app/demo/whatsapp`);
  const toggle = page.getByRole('switch', { name: 'Escalation alerts: off' });
  await toggle.waitFor();
  expect(await page.evaluate(() => (window as unknown as { __asked: number[] }).__asked.length)).toBe(0);
  await toggle.click();
  await page.getByRole('switch', { name: 'Escalation alerts: on' }).waitFor();
  expect(await page.evaluate(() => (window as unknown as { __asked: number[] }).__asked.length)).toBe(1);

  // Remembered by this browser across a reload, without asking again.
  await page.reload();
  await page.getByRole('switch', { name: 'Escalation alerts: on' }).waitFor();
  await page.mouse.click(640, 450);
  expect(await page.evaluate(() => (window as unknown as { __asked: number[] }).__asked.length)).toBe(0);

  const from = newCustomer();
  await signalInbound(stack, from, 'Hello? I need a person, please', { timings: { escalationDelaySeconds: 2 } });
  const conversation = await conversationOf(stack, from);
  const escalation = await eventually(
    () => stack.db.Notification.findOne({ conversationId: String(conversation._id), kind: 'escalation' }).lean(),
    'the escalation',
  );
  const shown = await eventually(
    () =>
      page.evaluate(() => {
        const list = (window as unknown as { __shown: { title: string; body?: string; tag?: string }[] }).__shown;
        return list.length ? list : null;
      }),
    'the desktop notification',
  );
  // Only the escalation alerts; the "new message" notification before it does not.
  expect(shown).toEqual([{ title: escalation.title, body: escalation.body ?? '', tag: String(escalation._id) }]);
  expect(await page.evaluate(() => (window as unknown as { __chimes: number }).__chimes)).toBeGreaterThan(0);

  // Off again: the setting is gone from the browser.
  await page.getByRole('switch', { name: 'Escalation alerts: on' }).click();
  await page.getByRole('switch', { name: 'Escalation alerts: off' }).waitFor();
  expect(await page.evaluate(() => localStorage.getItem('helios.escalationAlerts'))).toBeNull();
  await context.close();
});

test('a wide screen shows list | chat | customer and AI Insights, deep-linked, moved through by keyboard', async () => {
  const first = await customerWrites('First: do you ship to Porto?');
  const second = await customerWrites('Second: my parcel is late');
  const third = await customerWrites('Third: can I pay by card?');
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, stack.url, 'agent@demo.test');
  // The URL names the open conversation: opening it directly shows it beside its list.
  await page.goto(`${stack.url}/app/demo/whatsapp/${second._id}`);
  const list = page.getByRole('navigation', { name: 'Conversations' });
  const item = (id: unknown) => list.locator(`a[data-conversation-id="${String(id)}"]`);
  await item(third._id).waitFor();
  expect(await item(second._id).getAttribute('aria-current')).toBe('page');
  await thread(page).getByText('Second: my parcel is late').waitFor();
  const insights = page.getByRole('complementary', { name: 'AI Insights and customer details' });
  const [listBox, chatBox, insightsBox] = [
    (await list.boundingBox())!,
    (await page.getByRole('list', { name: 'Messages' }).boundingBox())!,
    (await insights.boundingBox())!,
  ];
  // Side by side, left to right, all within the screen.
  expect(listBox.x + listBox.width).toBeLessThanOrEqual(chatBox.x);
  expect(chatBox.x + chatBox.width).toBeLessThanOrEqual(insightsBox.x);
  expect(insightsBox.x + insightsBox.width).toBeLessThanOrEqual(1280);
  expect(Math.abs(insightsBox.y - chatBox.y)).toBeLessThan(120);
  expect(await overflow(page)).toBe(0);
  await screenshot(page, 'layout-desktop-three-panes');

  // Esc (here from the reply box) puts the focus on the open conversation in the list.
  await page.getByLabel('Your reply').focus();
  await page.keyboard.press('Escape');
  const focusedId = () => page.evaluate(() => document.activeElement?.getAttribute('data-conversation-id'));
  expect(await focusedId()).toBe(String(second._id));
  // Down: the next (older) conversation; Enter opens it, the list stays.
  await page.keyboard.press('ArrowDown');
  expect(await focusedId()).toBe(String(first._id));
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`/whatsapp/${first._id}$`));
  await thread(page).getByText('First: do you ship to Porto?').waitFor();
  await eventually(async () => (await item(first._id).getAttribute('aria-current')) === 'page', 'the open one marked');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  expect(await focusedId()).toBe(String(third._id));
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`/whatsapp/${third._id}$`));
  await thread(page).getByText('Third: can I pay by card?').waitFor();
  await page.close();
});

test('a phone shows the chat alone, with the way back to the list (link or Esc)', async () => {
  const conversation = await customerWrites('Hola, ¿a qué hora abrís mañana? Quiero recoger un pedido grande.');
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await signIn(page, stack.url, 'agent@demo.test');
  await page.goto(`${stack.url}/app/demo/whatsapp/${conversation._id}`);
  await thread(page).getByText('Quiero recoger un pedido grande.').waitFor();
  expect(await page.getByRole('navigation', { name: 'Conversations' }).isVisible()).toBe(false);
  expect(await overflow(page)).toBe(0);
  await screenshot(page, 'layout-phone-chat');
  await page.getByRole('link', { name: '← Conversations' }).click();
  await page.waitForURL(/\/app\/demo\/whatsapp$/);
  await page.locator(`tr[data-conversation-id="${String(conversation._id)}"]`).waitFor();
  await page.goBack();
  await thread(page).getByText('Quiero recoger un pedido grande.').waitFor();
  await page.keyboard.press('Escape');
  await page.waitForURL(/\/app\/demo\/whatsapp$/);
  await page.close();
});

test('the thread separates days, shows clock times with the exact time on hover, and explains its ticks', async () => {
  const DAY = 24 * 3600_000;
  const day = (daysAgo: number, hour: number) => {
    const d = new Date(Date.now() - daysAgo * DAY);
    d.setUTCHours(hour, 0, 0, 0);
    return d.toISOString();
  };
  const from = newCustomer();
  const threeDaysAgo = day(3, 10);
  await signalInbound(stack, from, 'Three days ago: is the blue one back?', { receivedAt: threeDaysAgo });
  const conversation = await conversationOf(stack, from);
  await signalInbound(stack, from, 'Yesterday: still waiting', { receivedAt: day(1, 18) });
  await signalInbound(stack, from, 'Today: any news?');
  await messageCount(stack, String(conversation._id), 3);

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'UTC' });
  const page = await context.newPage();
  await signIn(page, stack.url, 'agent@demo.test');
  await page.goto(`${stack.url}/app/demo/whatsapp/${conversation._id}`);
  await thread(page).getByText('Today: any news?').waitFor();
  expect(await thread(page).locator('.day-separator').allTextContents()).toEqual([
    dayLabel(threeDaysAgo, Date.now(), 'UTC'),
    'Yesterday',
    'Today',
  ]);
  const oldest = thread(page).locator('.bubble', { hasText: 'Three days ago' }).locator('time');
  expect(await oldest.textContent()).toBe('10:00');
  expect(await oldest.getAttribute('title')).toBe(exactTime(threeDaysAgo, 'UTC'));

  await page.getByLabel('Your reply').fill('It is back in stock: shall I reserve one?');
  await page.getByLabel('Your reply').press('Enter');
  const reply = thread(page).locator('.bubble', { hasText: 'It is back in stock' });
  await reply.getByRole('img', { name: /^(Sending|Queued at the provider|Sent|Delivered)$/ }).waitFor();
  const legend = reply.locator('.tick-legend');
  expect(await legend.isVisible()).toBe(false);
  await reply.locator('.ticks-with-legend').hover();
  await legend.waitFor();
  expect(await legend.innerText()).toMatch(/Sending[\s\S]*Sent[\s\S]*Delivered[\s\S]*Read \(blue\)/);
  await screenshot(page, 'layout-thread-days-and-tick-legend');
  await context.close();
});
