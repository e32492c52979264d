import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import type { Db } from '../db';
import { textRenderingOf } from '../services/conversations/message-content';
import { findByIdInTenant } from '../services/tenant-scope';
import { createOpenAiClient, isAiConfigured, type AiConfig } from './openai-client';

/** What the model answers: a reply, and whether a person should take over. */
export const aiReplySchema = z.object({
  reply: z.string().describe('The message to send to the customer, in their language'),
  handoff: z.boolean().describe('True when a person should take over the conversation'),
  handoffReason: z.string().optional().nullable().describe('Why a person should take over'),
});

export interface AiReply {
  text: string;
  handoff: boolean;
  handoffReason?: string;
}

const HISTORY_LENGTH = 20;
const HANDOFF_INSTRUCTIONS =
  'You answer customers on WhatsApp for this business. Keep replies short. If the customer asks for a ' +
  'person, is upset, or you cannot help, set handoff to true and tell them a person will follow up shortly.';
export const HANDOFF_FALLBACK_TEXT = 'Thank you for your message. A person from our team will follow up shortly.';

/**
 * Whether this number answers with AI: active, with an AI agent that has WhatsApp on, and AI
 * configured. When it does not, `reason` says why in words a person acts on (the chat shows it).
 * The number comes back too: the chat shows it, and reads it once.
 */
export async function aiAvailabilityOf(
  db: Db,
  config: Pick<AiConfig, 'OPENAI_API_KEY'>,
  tenantId: string,
  numberId: string,
) {
  const number = await findByIdInTenant(db.WhatsAppNumber, { tenantId }, numberId);
  const unavailable = (reason: string) => ({ number, agent: null, reason });
  if (!number)
    return unavailable('The number this conversation came in on was removed: nothing can be sent from here.');
  if (!number.active) return unavailable(`"${number.displayName}" is inactive: the AI does not answer on it.`);
  const agent = number.aiAgentId ? await findByIdInTenant(db.AiAgent, { tenantId }, number.aiAgentId) : null;
  if (!agent || agent.channels?.whatsapp === false) {
    return unavailable(`"${number.displayName}" has no AI agent with WhatsApp on: the AI does not answer on it.`);
  }
  if (!isAiConfigured(config)) return unavailable('No AI model is configured on this server: the AI does not answer.');
  return { number, agent, reason: null };
}

/** The agent that answers on this number, or null. Per inbound message: no reads when AI is off on the server. */
export async function aiAgentFor(db: Db, config: AiConfig, tenantId: string, numberId: string) {
  if (!isAiConfigured(config)) return null;
  return (await aiAvailabilityOf(db, config, tenantId, numberId)).agent;
}

/**
 * The AI agent's reply to the conversation so far (its system prompt + recent
 * history), or null when the number no longer answers with AI.
 */
export async function generateAiReply(
  db: Db,
  config: AiConfig,
  input: { tenantId: string; numberId: string; conversationId: string },
  /** Aborts the model call (the activity was cancelled, or its worker is shutting down). */
  signal?: AbortSignal,
): Promise<AiReply | null> {
  const agent = await aiAgentFor(db, config, input.tenantId, input.numberId);
  if (!agent) return null;
  const history = await db.Message.find({ conversationId: input.conversationId, tenantId: input.tenantId })
    .sort({ sentAt: -1 })
    .limit(HISTORY_LENGTH)
    .lean();
  const quotedIds = history.flatMap((m) => (m.quotedProviderMessageId ? [m.quotedProviderMessageId] : []));
  const quoted = quotedIds.length
    ? await db.Message.find({ tenantId: input.tenantId, providerMessageId: { $in: quotedIds } }).lean()
    : [];
  const quotedText = new Map(quoted.map((q) => [q.providerMessageId, textRenderingOf(q) || '(attachment)']));
  const messages = history.reverse().map((m) => {
    const body = textRenderingOf(m) || '(attachment)';
    const quote = m.quotedProviderMessageId ? quotedText.get(m.quotedProviderMessageId) : undefined;
    return {
      role: m.direction === 'inbound' ? ('user' as const) : ('assistant' as const),
      // The model sees which earlier message a reply quotes, as the customer did.
      content: m.quotedProviderMessageId ? `(replying to: "${quote ?? 'an earlier message'}")\n${body}` : body,
    };
  });
  const completion = await createOpenAiClient(config).chat.completions.parse(
    {
      model: agent.model,
      messages: [{ role: 'system', content: `${agent.systemPrompt}\n\n${HANDOFF_INSTRUCTIONS}` }, ...messages],
      response_format: zodResponseFormat(aiReplySchema, 'whatsapp_reply'),
    },
    { signal },
  );
  const parsed = completion.choices[0]?.message.parsed;
  if (!parsed) {
    // A refusal: a person answers instead.
    return { text: HANDOFF_FALLBACK_TEXT, handoff: true, handoffReason: 'The AI declined to answer' };
  }
  const text = parsed.reply.trim() || (parsed.handoff ? HANDOFF_FALLBACK_TEXT : '');
  if (!text) return { text: HANDOFF_FALLBACK_TEXT, handoff: true, handoffReason: 'The AI gave an empty answer' };
  return { text, handoff: parsed.handoff, handoffReason: parsed.handoffReason ?? undefined };
}
