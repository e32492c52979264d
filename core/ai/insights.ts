import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import type { Db } from '../db';
import { appendEvent } from '../events/append-event';
import type { Config } from '../config';
import { offlineSentiment } from './offline-sentiment';
import { createOpenAiClient, isAiConfigured, type AiConfig } from './openai-client';

export const insightsSchema = z.object({
  sentiment: z.enum(['positive', 'neutral', 'negative']),
  score: z.number().min(-1).max(1).describe('-1 very negative … 1 very positive'),
  summary: z.string().describe('Two sentences at most, in the conversation’s language'),
});

export interface Insights {
  sentiment: 'positive' | 'neutral' | 'negative';
  score: number;
  summary: string;
  source: 'openai' | 'offline';
}

export const DEFAULT_INSIGHTS_MODEL = 'gpt-4o-mini';
const MAX_MESSAGES = 50;

/**
 * Sentiment + short summary of a conversation, stored on it. With OpenAI
 * configured: structured output from the conversation's AI agent model (or
 * gpt-4o-mini). Without (or with INSIGHTS_ANALYSER=offline): the offline
 * analyser, labelled `offline`.
 */
export async function generateInsights(
  db: Db,
  config: AiConfig & Partial<Pick<Config, 'INSIGHTS_ANALYSER'>>,
  input: { tenantId: string; numberId: string; conversationId: string },
): Promise<Insights> {
  const messages = (
    await db.Message.find({ conversationId: input.conversationId, tenantId: input.tenantId })
      .sort({ sentAt: -1 })
      .limit(MAX_MESSAGES)
      .lean()
  ).reverse();
  let insights: Insights;
  let model: string | undefined;
  if (isAiConfigured(config) && config.INSIGHTS_ANALYSER !== 'offline') {
    const number = await db.WhatsAppNumber.findOne({ _id: input.numberId }, { aiAgentId: 1 }).lean();
    const agent = number?.aiAgentId ? await db.AiAgent.findById(number.aiAgentId, { model: 1 }).lean() : null;
    model = agent?.model ?? DEFAULT_INSIGHTS_MODEL;
    const transcript = messages
      .map((m) => `${m.direction === 'inbound' ? 'Customer' : m.author === 'ai' ? 'AI' : 'Staff'}: ${m.text}`)
      .join('\n');
    const completion = await createOpenAiClient(config).chat.completions.parse({
      model,
      messages: [
        {
          role: 'system',
          content: 'Rate the customer’s sentiment in this WhatsApp conversation and summarise it briefly.',
        },
        { role: 'user', content: transcript || '(no messages)' },
      ],
      response_format: zodResponseFormat(insightsSchema, 'insights'),
    });
    const parsed = completion.choices[0]?.message.parsed;
    if (!parsed) throw new Error('The AI declined to analyse this conversation');
    insights = { ...parsed, source: 'openai' };
  } else {
    const customerText = messages
      .filter((m) => m.direction === 'inbound')
      .map((m) => m.text)
      .join('\n');
    const result = offlineSentiment(customerText);
    insights = {
      sentiment: result.sentiment,
      score: result.score,
      summary: offlineSummary(messages.map((m) => ({ inbound: m.direction === 'inbound', text: m.text }))),
      source: 'offline',
    };
  }
  await db.Conversation.updateOne(
    { _id: input.conversationId },
    { $set: { insights: { ...insights, model, generatedAt: new Date() } } },
  );
  await appendEvent(db, input.tenantId, 'conversation', { conversationId: input.conversationId, insights: true });
  return insights;
}

/** Without a model: counts and the customer's latest words, honestly labelled. */
function offlineSummary(messages: { inbound: boolean; text: string }[]): string {
  const inbound = messages.filter((m) => m.inbound);
  const last = inbound.at(-1)?.text.replace(/\s+/g, ' ').trim() ?? '';
  const quote = last.length > 120 ? `${last.slice(0, 119)}…` : last;
  return (
    `${inbound.length} customer message(s), ${messages.length - inbound.length} reply(ies).` +
    (quote ? ` Latest from the customer: “${quote}”` : '')
  );
}
