import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { Activities } from '../activities';
import {
  archiveUpdate,
  closeUpdate,
  DEFAULT_TIMINGS,
  deleteConversationUpdate,
  FAILURE_TYPES,
  generateInsightsUpdate,
  inboundMessageSignal,
  reopenUpdate,
  searchAttributes,
  sendMessageUpdate,
  setAiEnabledUpdate,
  stateQuery,
  type ConversationChange,
  type ConversationRequest,
  type InboundMessage,
  type SendMessageRequest,
  type ThreadInput,
  type ThreadTimings,
} from './definitions';
import { MAX_TEXT_LENGTH, ThreadState, TransitionRejected, type Transition } from './thread-state';
import type { TimelineNote } from './timeline';

const { recordInboundMessage, saveConversationState, raiseNotification, recordSendFailure, deleteConversation } =
  proxyActivities<Activities>({
    startToCloseTimeout: '30 seconds',
    retry: { maximumAttempts: 20, maximumInterval: '30 seconds' },
  });

// A send retries a few times (network, 5xx, rate limits), then the person is told.
const { sendOutboundMessage } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 5, initialInterval: '1 second', maximumInterval: '10 seconds' },
});

// Model calls can be slow; they heartbeat, so a crashed worker's call is retried within 10 s.
const { generateAiReply, generateInsights } = proxyActivities<Activities>({
  startToCloseTimeout: '90 seconds',
  heartbeatTimeout: '10 seconds',
  retry: { maximumAttempts: 4, initialInterval: '2 seconds', maximumInterval: '20 seconds' },
});

/**
 * One customer's thread with one of the tenant's numbers. Lives as long as the
 * customer does: handlers validate and queue or do their work one at a time; the
 * loop handles inbound messages and timers, and continues as new when history grows.
 */
export async function threadWorkflow(input: ThreadInput): Promise<void> {
  const timings: ThreadTimings = { ...DEFAULT_TIMINGS, ...(input.timings ?? {}) };
  const state = new ThreadState(input.carried);
  const base = { tenantId: input.tenantId, numberId: input.numberId };
  // Signal handlers only queue; the loop writes messages in arrival order.
  const inbox: InboundMessage[] = [];
  let continueAfterArchive = false;
  // Handlers and the loop take turns: one piece of work at a time, so a state
  // checked at the start of a piece of work still holds at its end.
  let busy = false;
  let wakeups = 0;
  async function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    await condition(() => !busy);
    busy = true;
    try {
      return await fn();
    } finally {
      busy = false;
      wakeups++;
    }
  }

  const nowIso = () => new Date(Date.now()).toISOString();
  // One upsert, as before: a key added to it changes what is recorded, not the commands, so
  // recorded histories still replay (the SDK matches the command, not its attributes).
  const publishState = () =>
    upsertSearchAttributes([
      { key: searchAttributes.conversationStatus, value: state.conversationId === null ? 'none' : state.status },
      { key: searchAttributes.aiEnabled, value: state.aiEnabled },
      // After a delete the last id stays: ops can still find where it lived.
      ...(state.conversationId === null ? [] : [{ key: searchAttributes.conversationId, value: state.conversationId }]),
    ]);
  const change = (): ConversationChange => ({
    conversationId: state.conversationId as string,
    status: state.status,
    aiEnabled: state.aiEnabled,
  });
  // Timeline lines travel in activity inputs only: recorded histories replay unchanged.
  const saveState = async (note?: TimelineNote) => {
    publishState();
    await saveConversationState({ ...base, ...change(), note });
  };
  const byMember = (actor: { userId: string }) => ({ by: 'member' as const, byUserId: actor.userId });

  /** Validators and handlers reject with this: the caller sees the message, nothing changed. */
  const rejected = (err: unknown): never => {
    if (err instanceof TransitionRejected) {
      throw ApplicationFailure.create({ message: err.message, type: FAILURE_TYPES.rejected, nonRetryable: true });
    }
    throw err;
  };
  const guard = (check: () => void): void => {
    try {
      check();
    } catch (err) {
      rejected(err);
    }
  };
  /**
   * Registers an Update whose request is checked twice with the same `check`: by its
   * validator (a refusal leaves nothing in history) and again when the handler gets
   * its turn, because the state may have moved while it waited.
   */
  function onUpdate<Req extends ConversationRequest, Ret>(
    update: UpdateDefinition<Ret, [Req]>,
    check: (req: Req) => void,
    run: (req: Req) => Promise<Ret>,
  ): void {
    setHandler(
      update,
      (req) =>
        exclusive(async () => {
          guard(() => check(req));
          return run(req);
        }),
      { validator: (req) => guard(() => check(req)) },
    );
  }

  // ---- message-passing API ----

  setHandler(inboundMessageSignal, (msg) => {
    if (state.remember(msg.providerMessageId)) inbox.push(msg);
  });
  setHandler(stateQuery, () => state.snapshot());

  const validateSend = (req: SendMessageRequest) => {
    const text = req.text?.trim() ?? '';
    if (!text && !req.template) throw new TransitionRejected('Write a message (or pick a template) to send');
    if (text.length > MAX_TEXT_LENGTH) {
      throw new TransitionRejected(`A message can be at most ${MAX_TEXT_LENGTH} characters (got ${text.length})`);
    }
    state.validateSend(req.template ? 'template' : 'text', Date.now(), req.conversationId);
  };
  const requireConversation = (req: ConversationRequest) => state.requireConversation(req.conversationId);

  onUpdate(sendMessageUpdate, validateSend, async (req) => {
    const result = await send({
      author: 'human',
      text: req.text?.trim(),
      template: req.template,
      sentByUserId: req.actor.userId,
    });
    state.answered(nowIso(), 'human');
    return result;
  });

  onUpdate(setAiEnabledUpdate, requireConversation, async ({ enabled, actor }) => {
    const at = nowIso();
    state.setAiEnabled(enabled, at);
    await saveState({ kind: enabled ? 'ai_on' : 'ai_off', ...byMember(actor), at });
    return change();
  });

  for (const [update, transition] of [
    [closeUpdate, 'close'],
    [archiveUpdate, 'archive'],
    [reopenUpdate, 'reopen'],
  ] as const) {
    onUpdate(
      update,
      (req) => state.validateTransition(transition, req.conversationId),
      async (req) => {
        await transitionTo(transition, byMember(req.actor));
        return change();
      },
    );
  }

  onUpdate(deleteConversationUpdate, requireConversation, async ({ actor, conversationId }) => {
    await deleteConversation({ ...base, conversationId, actor });
    state.reset();
    publishState();
    return { deletedConversationId: conversationId };
  });

  onUpdate(generateInsightsUpdate, requireConversation, ({ conversationId }) =>
    generateInsights({ ...base, conversationId }),
  );

  // ---- the work ----

  const TIMELINE_KIND = { close: 'closed', archive: 'archived', reopen: 'reopened' } as const;
  async function transitionTo(transition: Transition, who: Pick<TimelineNote, 'by' | 'byUserId' | 'reason'>) {
    const at = nowIso();
    state.apply(transition, at);
    await saveState({ kind: TIMELINE_KIND[transition], ...who, at });
    if (transition === 'archive') continueAfterArchive = true;
  }

  async function send(msg: {
    author: 'human' | 'ai';
    sentByUserId?: string;
    text?: string;
    template?: SendMessageRequest['template'];
  }) {
    const conversationId = state.conversationId as string;
    // Made here, so every retry of the activity records and checks the same message.
    const messageId = `out:${uuid4()}`;
    try {
      return await sendOutboundMessage({
        ...base,
        conversationId,
        messageId,
        author: msg.author,
        sentByUserId: msg.sentByUserId,
        to: state.customer?.address ?? '',
        text: msg.text,
        template: msg.template,
      });
    } catch (err) {
      const cause = err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : undefined;
      const message = cause?.message ?? (err as Error).message;
      await recordSendFailure({ ...base, conversationId, messageId, author: msg.author, reason: message });
      throw ApplicationFailure.create({
        message,
        type: cause?.type ?? 'SendFailed',
        nonRetryable: true,
      });
    }
  }

  async function handleInbound(msg: InboundMessage) {
    const { conversationId, started, reopened } = state.acceptInbound(msg, uuid4, nowIso());
    const { aiAvailable } = await recordInboundMessage({
      ...base,
      threadId: workflowInfo().workflowId,
      customerKey: input.customerKey,
      conversationId,
      startedConversation: started,
      reopenedConversation: reopened,
      message: msg,
    });
    if (msg.reaction) {
      // A reaction is not a reply: no AI answer, no wait for a person (ADR 0120). It did refresh
      // the 24-hour window in acceptInbound, as WhatsApp does.
      publishState();
      return;
    }
    if (state.aiEnabled && aiAvailable) {
      // Debounce: every message pushes the reply back, so a burst gets one answer.
      state.scheduleAiReply(new Date(Date.now() + timings.aiDebounceSeconds * 1000).toISOString());
    } else {
      state.startWaiting(msg.receivedAt);
      await raiseNotification({
        ...base,
        conversationId,
        kind: 'new_message',
        key: `new_message:${conversationId}:${msg.providerMessageId}`,
        about: { cause: 'new_message' },
      });
    }
    publishState();
  }

  async function aiReply() {
    state.clearAiReply();
    const conversationId = state.conversationId;
    if (!conversationId || !state.aiEnabled || state.status !== 'open') return;
    const reply = await generateAiReply({ ...base, conversationId });
    if (!reply) {
      // The number or its AI agent changed since: a person answers instead.
      state.startWaiting(nowIso());
      return;
    }
    try {
      await send({ author: 'ai', text: reply.text });
      state.answered(nowIso(), 'ai');
    } catch {
      // recordSendFailure raised a notification; a person takes over.
      state.startWaiting(nowIso());
    }
    if (reply.handoff) {
      const at = nowIso();
      state.handOff(at);
      await saveState({ kind: 'handed_off', by: 'ai', reason: reply.handoffReason, at });
      await raiseNotification({
        ...base,
        conversationId,
        kind: 'escalation',
        key: `escalation:${conversationId}:${state.waitingSince}`,
        about: { cause: 'handoff', reason: reply.handoffReason },
      });
    }
  }

  async function escalate() {
    const conversationId = state.conversationId as string;
    const since = state.waitingSince;
    state.markEscalated();
    await raiseNotification({
      ...base,
      conversationId,
      kind: 'escalation',
      key: `escalation:${conversationId}:${since}`,
      about: { cause: 'waiting', waitedFor: describeDelay(timings.escalationDelaySeconds) },
    });
  }

  function nextWakeAt(): number | null {
    const candidates = [
      state.aiReplyDueAt ? Date.parse(state.aiReplyDueAt) : null,
      state.escalationDueAt(timings.escalationDelaySeconds * 1000),
      state.autoCloseDueAt(timings.autoCloseAfterSeconds * 1000),
    ].filter((t): t is number => t !== null);
    return candidates.length ? Math.min(...candidates) : null;
  }

  async function runDueTimers() {
    const now = Date.now();
    if (state.aiReplyDueAt && Date.parse(state.aiReplyDueAt) <= now && inbox.length === 0) await aiReply();
    const escalationAt = state.escalationDueAt(timings.escalationDelaySeconds * 1000);
    if (escalationAt !== null && escalationAt <= now) await escalate();
    const closeAt = state.autoCloseDueAt(timings.autoCloseAfterSeconds * 1000);
    if (closeAt !== null && closeAt <= now) {
      await transitionTo('close', {
        by: 'system',
        reason: `No activity for ${describeDelay(timings.autoCloseAfterSeconds)}`,
      });
    }
  }

  // ---- main loop ----

  for (;;) {
    const wakeAt = nextWakeAt();
    const seen = wakeups;
    const wake = () =>
      inbox.length > 0 || wakeups !== seen || continueAfterArchive || workflowInfo().continueAsNewSuggested;
    if (wakeAt === null) await condition(wake);
    else await condition(wake, Math.max(10, wakeAt - Date.now()));

    await exclusive(async () => {
      while (inbox.length > 0) await handleInbound(inbox.shift() as InboundMessage);
      await runDueTimers();
    });

    if ((workflowInfo().continueAsNewSuggested || continueAfterArchive) && inbox.length === 0) {
      await condition(allHandlersFinished);
      if (inbox.length === 0 && !busy) {
        await continueAsNew<typeof threadWorkflow>({ ...input, timings, carried: state.snapshot() });
      }
    }
  }
}

/** "5 minutes", "1 hour", "30 seconds": the escalation delay as a person reads it. */
function describeDelay(seconds: number): string {
  const [amount, unit] =
    seconds % 3600 === 0
      ? [seconds / 3600, 'hour']
      : seconds % 60 === 0
        ? [seconds / 60, 'minute']
        : [seconds, 'second'];
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
}
