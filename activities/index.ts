/**
 * Activities: the workflow's side effects, as thin adapters over core/services.
 * Built by a factory so tests and the worker pass in their own dependencies.
 * Provider errors become ApplicationFailures here: non-retryable ones carry a
 * type (InvalidRecipient, BadCredentials, OutsideWindow…) and a message for people.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Config } from '../core/config';
import type { Db } from '../core/db';
import { aiAgentFor, generateAiReply } from '../core/ai/reply';
import { generateInsights } from '../core/ai/insights';
import { ProviderSendError } from '../core/providers/messaging';
import { deleteConversation, type DeleteConversationInput } from '../core/services/conversations/delete-conversation';
import {
  recordInboundMessage,
  type RecordInboundMessageInput,
} from '../core/services/conversations/record-inbound-message';
import { recordSendFailure, type RecordSendFailureInput } from '../core/services/conversations/record-send-failure';
import {
  saveConversationState,
  type SaveConversationStateInput,
} from '../core/services/conversations/save-conversation-state';
import {
  sendOutboundMessage,
  SendOutcomeUnknownError,
  type SendOutboundMessageInput,
} from '../core/services/conversations/send-outbound-message';
import { describeConversationAlert, type AlertAbout } from '../core/services/notifications/describe-conversation-alert';
import { raiseNotification, type RaiseNotificationInput } from '../core/services/notifications/raise-notification';

export type ActivityConfig = Pick<
  Config,
  | 'ENCRYPTION_KEY'
  | 'TWILIO_API_BASE_URL'
  | 'PUBLIC_BASE_URL'
  | 'NODE_ENV'
  | 'HOST'
  | 'PORT'
  | 'META_GRAPH_BASE_URL'
  | 'META_GRAPH_VERSION'
  | 'OPENAI_API_KEY'
  | 'OPENAI_BASE_URL'
>;

export interface ActivityDeps {
  db: Db;
  config: ActivityConfig;
}

export function createActivities(deps: ActivityDeps) {
  const { db, config } = deps;
  return {
    /** Stores a customer message; tells the workflow whether the number answers with AI. */
    async recordInboundMessage(input: RecordInboundMessageInput) {
      const { inserted } = await recordInboundMessage(deps, input);
      const agent = await aiAgentFor(db, config, input.tenantId, input.numberId);
      return { inserted, aiAvailable: agent !== null };
    },

    async sendOutboundMessage(input: SendOutboundMessageInput) {
      try {
        return await sendOutboundMessage(deps, input);
      } catch (err) {
        if (err instanceof ProviderSendError) {
          throw ApplicationFailure.create({
            message: err.message,
            type: err.type,
            nonRetryable: !err.options.retryable,
            details: [{ providerCode: err.options.providerCode ?? null }],
          });
        }
        if (err instanceof SendOutcomeUnknownError) throw ApplicationFailure.nonRetryable(err.message, err.name);
        throw err;
      }
    },

    async recordSendFailure(input: RecordSendFailureInput) {
      await recordSendFailure(deps, input);
    },

    async saveConversationState(input: SaveConversationStateInput & { numberId?: string }) {
      await saveConversationState(deps, input);
    },

    /**
     * The thread's alerts. `about` says why; the title and body are made from the read model
     * (customer, number, their message). Without it (an activity scheduled by older workflow
     * code), the given title and body are used.
     */
    async raiseNotification(
      input: Omit<RaiseNotificationInput, 'title'> & { title?: string; about?: AlertAbout; numberId?: string },
    ) {
      const words = input.about
        ? await describeConversationAlert(deps, { ...input, about: input.about })
        : { title: input.title ?? 'Notification', body: input.body };
      return raiseNotification(deps, { ...input, ...words });
    },

    async generateAiReply(input: { tenantId: string; numberId: string; conversationId: string }) {
      return whileHeartbeating(() => generateAiReply(db, config, input, Context.current().cancellationSignal));
    },

    async generateInsights(input: { tenantId: string; numberId: string; conversationId: string }) {
      return whileHeartbeating(() => generateInsights(db, config, input));
    },

    async deleteConversation(input: DeleteConversationInput & { numberId?: string }) {
      await deleteConversation(deps, input);
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;

/**
 * Heartbeats while a slow model call runs. If the worker dies, Temporal notices within
 * the activity's heartbeatTimeout (workflows/thread.ts) and retries on another worker,
 * instead of waiting out the whole startToCloseTimeout.
 */
async function whileHeartbeating<T>(work: () => Promise<T>): Promise<T> {
  const context = Context.current();
  const timer = setInterval(() => context.heartbeat(), 2_000);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
