import {
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type Client,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { AppError } from '../errors';

export const NOT_ANSWERING =
  'The conversation service is not answering right now; nothing was changed. Try again in a moment.';

/**
 * Sends a thread an Update and waits for its answer, at most `deadlineMs`. A
 * rejected or failed Update becomes a 409 with the workflow's own message; no
 * answer in time becomes a plain 503 (nothing half-done: a validator that has
 * not run has changed nothing).
 */
export async function updateThread<Ret, Args extends [unknown]>(
  client: Client,
  deadlineMs: number,
  threadId: string,
  update: UpdateDefinition<Ret, Args>,
  args: Args,
): Promise<Ret> {
  try {
    return await client.withDeadline(Date.now() + deadlineMs, () =>
      client.workflow.getHandle(threadId).executeUpdate(update, { args }),
    );
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) {
      throw new AppError('conflict', (err.cause as Error | undefined)?.message ?? err.message);
    }
    if (err instanceof WorkflowNotFoundError) {
      throw new AppError('not_found', 'This conversation’s thread is no longer running');
    }
    if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isDeadlineError(err)) {
      throw new AppError('service_unavailable', NOT_ANSWERING);
    }
    throw err;
  }
}

function isDeadlineError(err: unknown): boolean {
  const e = err as { code?: number; cause?: { code?: number } };
  // gRPC 4 = DEADLINE_EXCEEDED, 14 = UNAVAILABLE
  return [4, 14].includes(e.code ?? -1) || [4, 14].includes(e.cause?.code ?? -1);
}
