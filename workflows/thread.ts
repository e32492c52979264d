import {
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  inboundMessageSignal,
  searchAttributes,
  stateQuery,
  type InboundMessage,
  type ThreadInput,
} from './definitions';
import { ThreadState } from './thread-state';

const { recordInboundMessage } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 20, maximumInterval: '30 seconds' },
});

/**
 * One customer's thread with one of the tenant's numbers. Lives as long as the
 * customer does: the loop waits for work, and continues as new when history grows.
 */
export async function threadWorkflow(input: ThreadInput): Promise<void> {
  const state = new ThreadState(input.carried);
  // Handlers only queue work; the loop below does it in arrival order.
  const inbox: InboundMessage[] = [];

  setHandler(inboundMessageSignal, (msg) => {
    if (state.remember(msg.providerMessageId)) inbox.push(msg);
  });
  setHandler(stateQuery, () => state.snapshot());

  for (;;) {
    await condition(() => inbox.length > 0 || workflowInfo().continueAsNewSuggested);
    while (inbox.length > 0) {
      const msg = inbox.shift() as InboundMessage;
      const { conversationId, started } = state.acceptInbound(msg, uuid4);
      await recordInboundMessage({
        tenantId: input.tenantId,
        numberId: input.numberId,
        threadId: workflowInfo().workflowId,
        customerKey: input.customerKey,
        conversationId,
        startedConversation: started,
        message: msg,
      });
      upsertSearchAttributes([{ key: searchAttributes.conversationStatus, value: state.status }]);
    }
    if (workflowInfo().continueAsNewSuggested && inbox.length === 0) {
      await condition(allHandlersFinished);
      if (inbox.length === 0) {
        await continueAsNew<typeof threadWorkflow>({ ...input, carried: state.snapshot() });
      }
    }
  }
}
