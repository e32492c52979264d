import { z } from 'zod';
import { parseInput } from '../../validation';
import { updateThread } from '../../temporal/conversation-updates';
import {
  archiveUpdate,
  closeUpdate,
  deleteConversationUpdate,
  generateInsightsUpdate,
  reopenUpdate,
  sendMessageUpdate,
  setAiEnabledUpdate,
} from '../../../workflows/definitions';
import { MAX_TEXT_LENGTH } from '../../../workflows/thread-state';
import type { ServiceDeps, TenantCall } from '../deps';
import { findConversation } from './find-conversation';

export const sendMessageSchema = z
  .object({
    text: z
      .string()
      .trim()
      .min(1, 'Write a message first')
      .max(MAX_TEXT_LENGTH, `At most ${MAX_TEXT_LENGTH} characters`)
      .optional(),
    template: z
      .object({
        templateId: z.string().min(1).max(200).describe('Twilio Content SID (HX…) or Meta template name'),
        language: z.string().min(2).max(15).optional().describe('Meta: language code, default en'),
        variables: z.record(z.string().max(1024)).optional(),
      })
      .optional(),
  })
  .refine((b) => Boolean(b.text) !== Boolean(b.template), { message: 'Send either text or a template' })
  .describe('Either `text` (inside the 24-hour window) or `template` (any time)');

export const setAiSchema = z.object({ enabled: z.boolean({ required_error: 'Say whether AI is on (true or false)' }) });

/**
 * What a person can do to a conversation. `input` is what the client sent
 * (JSON body or form values), validated here, in one place.
 */
export type ConversationAction =
  | { kind: 'send'; input: unknown }
  | { kind: 'setAi'; input: unknown }
  | { kind: 'close' | 'archive' | 'reopen' | 'insights' | 'delete' };

export interface ActionDeps extends Pick<ServiceDeps, 'db' | 'temporal'> {
  config: Pick<ServiceDeps['config'], 'UPDATE_DEADLINE_MS'>;
}

const STATUS_UPDATES = { close: closeUpdate, archive: archiveUpdate, reopen: reopenUpdate } as const;

/**
 * Every change to a conversation, from the JSON API and from the UI alike: an
 * Update to its thread workflow (with a deadline), never a write to MongoDB
 * from here. The caller has checked the member's permission; a conversation of
 * another tenant is "not found".
 */
export async function actOnConversation(
  deps: ActionDeps,
  { scope, actor, id, action }: TenantCall & { id: string; action: ConversationAction },
): Promise<unknown> {
  const { threadId } = await findConversation(deps, { scope, id });
  const base = { conversationId: id, actor };
  const run = <Ret, Args extends [unknown]>(def: Parameters<typeof updateThread<Ret, Args>>[3], args: Args[0]) =>
    updateThread(deps.temporal, deps.config.UPDATE_DEADLINE_MS, threadId, def, [args] as Args);

  switch (action.kind) {
    case 'send':
      return run(sendMessageUpdate, { ...base, ...parseInput(sendMessageSchema, action.input) });
    case 'setAi':
      return run(setAiEnabledUpdate, { ...base, ...parseInput(setAiSchema, action.input) });
    case 'delete':
      return run(deleteConversationUpdate, base);
    case 'insights':
      return run(generateInsightsUpdate, base);
    default:
      return run(STATUS_UPDATES[action.kind], base);
  }
}
