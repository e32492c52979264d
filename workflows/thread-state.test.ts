import type { InboundMessage } from './definitions';
import { DEDUP_WINDOW, SERVICE_WINDOW_MS, ThreadState, TransitionRejected } from './thread-state';

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
  expect(state.acceptInbound(msg('1'), newId)).toEqual({ conversationId: 'c1', started: true, reopened: false });
  expect(state.acceptInbound(msg('2'), newId)).toEqual({ conversationId: 'c1', started: false, reopened: false });
});

test('the snapshot survives JSON (continueAsNew) unchanged', () => {
  const state = new ThreadState();
  state.remember('x');
  state.acceptInbound(msg('x'), () => 'c1');
  const carried = JSON.parse(JSON.stringify(state.snapshot()));
  expect(new ThreadState(carried).snapshot()).toEqual(state.snapshot());
  expect(new ThreadState(carried).remember('x')).toBe(false);
});

describe('status machine', () => {
  const at = '2026-01-01T00:00:00.000Z';
  const opened = () => {
    const state = new ThreadState();
    state.acceptInbound(msg('1'), () => 'c1');
    return state;
  };

  test('open → closed → archived, and reopen from closed or archived', () => {
    const state = opened();
    expect(state.apply('close', at)).toBe('closed');
    expect(state.apply('reopen', at)).toBe('open');
    state.apply('close', at);
    expect(state.apply('archive', at)).toBe('archived');
    expect(state.apply('reopen', at)).toBe('open');
  });

  test('rejects archive of an open conversation, and changes nothing', () => {
    const state = opened();
    const before = state.snapshot();
    expect(() => state.apply('archive', at)).toThrow(
      new TransitionRejected(
        'Cannot archive a conversation that is open: close it first: only a closed conversation can be archived',
      ),
    );
    expect(state.snapshot()).toEqual(before);
  });

  test('rejects close of a closed conversation and reopen of an open one', () => {
    const state = opened();
    expect(() => state.apply('reopen', at)).toThrow(/Cannot reopen a conversation that is open/);
    state.apply('close', at);
    expect(() => state.apply('close', at)).toThrow(/Cannot close a conversation that is closed/);
  });

  test('a thread with no conversation rejects every transition', () => {
    expect(() => new ThreadState().validateTransition('close')).toThrow(/no conversation yet/);
  });

  test('inbound on a closed conversation reopens it (and says so); after archive it starts a new one', () => {
    const state = opened();
    state.apply('close', at);
    expect(state.acceptInbound(msg('2'), () => 'c2')).toEqual({ conversationId: 'c1', started: false, reopened: true });
    expect(state.status).toBe('open');
    state.apply('close', at);
    state.apply('archive', at);
    expect(state.acceptInbound(msg('3'), () => 'c2')).toEqual({ conversationId: 'c2', started: true, reopened: false });
    expect(state.status).toBe('open');
  });
});

describe('the 24-hour window', () => {
  const state = new ThreadState();
  state.acceptInbound(msg('1'), () => 'c1'); // customer wrote at 2026-01-01T00:00Z
  const written = Date.parse('2026-01-01T00:00:00.000Z');

  test('free-form text is allowed inside the window', () => {
    expect(() => state.validateSend('text', written + SERVICE_WINDOW_MS - 1)).not.toThrow();
  });

  test('free-form text outside the window is refused before any provider call; a template is allowed', () => {
    expect(() => state.validateSend('text', written + SERVICE_WINDOW_MS)).toThrow(/more than 24 h ago/);
    expect(() => state.validateSend('template', written + SERVICE_WINDOW_MS * 3)).not.toThrow();
  });

  test('sending on a closed conversation is refused', () => {
    const closed = new ThreadState(state.snapshot());
    closed.apply('close', '2026-01-01T00:00:01.000Z');
    expect(() => closed.validateSend('text', written)).toThrow(/closed: reopen it/);
  });
});

describe('escalation and auto-close deadlines', () => {
  test('an escalation is due once per wait, and a human reply ends the wait', () => {
    const state = new ThreadState();
    state.acceptInbound(msg('1'), () => 'c1');
    state.startWaiting('2026-01-01T00:00:00.000Z');
    state.startWaiting('2026-01-01T00:00:05.000Z'); // the oldest waiting message counts
    expect(state.escalationDueAt(60_000)).toBe(Date.parse('2026-01-01T00:01:00.000Z'));
    state.markEscalated();
    expect(state.escalationDueAt(60_000)).toBeNull();
    state.answered('2026-01-01T00:02:00.000Z', 'human');
    expect(state.waitingSince).toBeNull();
  });

  test('a hand-off turns AI off and counts as the escalation', () => {
    const state = new ThreadState();
    state.acceptInbound(msg('1'), () => 'c1');
    state.handOff('2026-01-01T00:00:10.000Z');
    expect(state.aiEnabled).toBe(false);
    expect(state.escalationDueAt(1000)).toBeNull();
  });

  test('auto-close counts from the last activity of an open conversation', () => {
    const state = new ThreadState();
    expect(state.autoCloseDueAt(1000)).toBeNull();
    state.acceptInbound(msg('1'), () => 'c1');
    expect(state.autoCloseDueAt(1000)).toBe(Date.parse('2026-01-01T00:00:01.000Z'));
    state.apply('close', '2026-01-01T00:00:00.500Z');
    expect(state.autoCloseDueAt(1000)).toBeNull();
  });

  test('reset after delete forgets the conversation but keeps the de-dup window', () => {
    const state = new ThreadState();
    state.remember('1');
    state.acceptInbound(msg('1'), () => 'c1');
    state.reset();
    expect(state.conversationId).toBeNull();
    expect(state.remember('1')).toBe(false);
  });
});
