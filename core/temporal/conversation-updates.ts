import {
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type Client,
} from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import type { FAILURE_TYPES } from '../../workflows/definitions';
import { AppError, type AppErrorCode } from '../errors';
import type { SendErrorType } from '../providers/messaging';

export const NOT_ANSWERING =
  'The conversation service is not answering right now; nothing was changed. Try again in a moment.';

/**
 * A failed Update answers by its failure type (ApplicationFailure.type, set by the
 * workflow or, for a send, by the provider's error): a refused transition or a send
 * outside the 24-hour window conflicts with the conversation's state (409); bad
 * credentials, an invalid recipient or a provider refusing the message are the
 * provider's reason for not doing it (422); a provider down or throttling us is
 * worth trying again later (503). Any other type stays a 409 with its message.
 */
const CODE_OF_FAILURE: Record<SendErrorType | (typeof FAILURE_TYPES)['rejected'], AppErrorCode> = {
  TransitionRejected: 'conflict',
  OutsideWindow: 'conflict',
  InvalidRecipient: 'unprocessable',
  BadCredentials: 'unprocessable',
  ProviderRejected: 'unprocessable',
  ProviderUnavailable: 'service_unavailable',
  RateLimited: 'service_unavailable',
};

export function appErrorOfUpdateFailure(err: WorkflowUpdateFailedError): AppError {
  const cause = err.cause;
  const type = cause instanceof ApplicationFailure ? cause.type : undefined;
  const code =
    type && Object.hasOwn(CODE_OF_FAILURE, type) ? CODE_OF_FAILURE[type as keyof typeof CODE_OF_FAILURE] : 'conflict';
  return new AppError(code, cause?.message ?? err.message);
}

/**
 * Sends a thread an Update and waits for its answer, at most `deadlineMs`. A
 * rejected or failed Update becomes an AppError by its failure type (above); no
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
    if (err instanceof WorkflowUpdateFailedError) throw appErrorOfUpdateFailure(err);
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
