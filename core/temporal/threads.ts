import type { Client } from '@temporalio/client';
import {
  inboundMessageSignal,
  searchAttributes,
  threadWorkflowId,
  type InboundMessage,
  type ThreadTimings,
} from '../../workflows/definitions';
import type { threadWorkflow } from '../../workflows/thread';

const SIGNAL_DEADLINE_MS = 5_000;

export interface ThreadAddress {
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  numberId: string;
  numberName: string;
  customerKey: string;
  /** Used when this signal starts the thread. */
  timings?: Partial<ThreadTimings>;
}

/**
 * Hands a customer message to its thread workflow, starting the thread if it is
 * not running. signalWithStart makes two racing first messages one thread.
 * Resolves once Temporal has accepted the signal (durable), not when it is processed.
 */
export async function signalInboundMessage(
  client: Client,
  taskQueue: string,
  thread: ThreadAddress,
  message: InboundMessage,
): Promise<string> {
  const workflowId = threadWorkflowId(thread.tenantId, thread.numberId, thread.customerKey);
  // Twilio gives up on a webhook after 15 s: fail well before, so it retries.
  await client.withDeadline(Date.now() + SIGNAL_DEADLINE_MS, () =>
    client.workflow.signalWithStart<typeof threadWorkflow, [InboundMessage]>('threadWorkflow', {
      workflowId,
      taskQueue,
      args: [
        {
          tenantId: thread.tenantId,
          numberId: thread.numberId,
          customerKey: thread.customerKey,
          timings: thread.timings,
        },
      ],
      signal: inboundMessageSignal,
      signalArgs: [message],
      typedSearchAttributes: [
        { key: searchAttributes.tenantId, value: thread.tenantId },
        { key: searchAttributes.tenantSlug, value: thread.tenantSlug },
        { key: searchAttributes.numberId, value: thread.numberId },
        { key: searchAttributes.customerKey, value: thread.customerKey },
        { key: searchAttributes.conversationStatus, value: 'open' },
        { key: searchAttributes.aiEnabled, value: true },
      ],
      memo: { tenant: thread.tenantName, number: thread.numberName },
    }),
  );
  return workflowId;
}

/** A tenant's timer settings as thread timings (the debounce is deployment-wide). */
export function timingsOf(
  tenant: { settings?: { escalationDelaySeconds?: number | null; autoCloseAfterSeconds?: number | null } | null },
  config: { AI_DEBOUNCE_SECONDS: number },
): Partial<ThreadTimings> {
  return {
    ...(tenant.settings?.escalationDelaySeconds
      ? { escalationDelaySeconds: tenant.settings.escalationDelaySeconds }
      : {}),
    ...(tenant.settings?.autoCloseAfterSeconds ? { autoCloseAfterSeconds: tenant.settings.autoCloseAfterSeconds } : {}),
    aiDebounceSeconds: config.AI_DEBOUNCE_SECONDS,
  };
}
