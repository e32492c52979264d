import type { InboundMessage } from './definitions';
import { DEDUP_WINDOW, ThreadState } from './thread-state';

const msg = (id: string): InboundMessage => ({
  provider: 'twilio',
  providerMessageId: id,
  from: 'whatsapp:+34600112233',
  text: id,
  media: [],
  receivedAt: '2026-01-01T00:00:00.000Z',
});

test('remember() accepts a provider id once, and forgets beyond the window', () => {
  const state = new ThreadState();
  expect(state.remember('a')).toBe(true);
  expect(state.remember('a')).toBe(false);
  for (let i = 0; i < DEDUP_WINDOW; i++) state.remember(`m${i}`);
  expect(state.snapshot().recentProviderMessageIds).toHaveLength(DEDUP_WINDOW);
  expect(state.remember('a')).toBe(true); // pushed out of the bounded window
});

test('the first message starts a conversation; later ones join it', () => {
  const state = new ThreadState();
  let n = 0;
  const newId = () => `c${++n}`;
  expect(state.acceptInbound(msg('1'), newId)).toEqual({ conversationId: 'c1', started: true });
  expect(state.acceptInbound(msg('2'), newId)).toEqual({ conversationId: 'c1', started: false });
});

test('the snapshot survives JSON (continueAsNew) unchanged', () => {
  const state = new ThreadState();
  state.remember('x');
  state.acceptInbound(msg('x'), () => 'c1');
  const carried = JSON.parse(JSON.stringify(state.snapshot()));
  expect(new ThreadState(carried).snapshot()).toEqual(state.snapshot());
  expect(new ThreadState(carried).remember('x')).toBe(false);
});
