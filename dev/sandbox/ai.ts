/**
 * The AI in sandbox mode (no OPENAI_API_KEY): an OpenAI-compatible local server
 * (the same fake the tests use, reached through the real `openai` SDK) whose
 * replies say plainly that they come from the sandbox. Asking for a person
 * makes it hand off, so escalation can be seen.
 */
import { FakeOpenAI, type ChatRequest, type ScriptedAnswer } from '../../test/fakes/openai';

export const SANDBOX_AI_PREFIX = '[sandbox AI]';
const ASKS_FOR_A_PERSON = /\b(human|person|agent|someone|humano|persona|agente)\b/i;

export function sandboxAiAnswer(req: ChatRequest): ScriptedAnswer {
  const customer = req.messages.filter((m) => m.role === 'user').map((m) => m.content);
  const last = customer.at(-1) ?? '';
  if (ASKS_FOR_A_PERSON.test(last)) {
    return {
      json: {
        reply: `${SANDBOX_AI_PREFIX} I am passing you to a person from our team; they will answer here shortly.`,
        handoff: true,
        handoffReason: 'The customer asked for a person',
      },
    };
  }
  const quoted = last.length > 120 ? `${last.slice(0, 119)}…` : last;
  return {
    json: {
      reply: `${SANDBOX_AI_PREFIX} Thanks for your message “${quoted}”. This reply comes from the offline sandbox (no OpenAI key set). Write "human" to talk to a person.`,
      handoff: false,
      handoffReason: null,
    },
  };
}

export async function startSandboxAi(): Promise<FakeOpenAI> {
  const ai = await FakeOpenAI.start();
  ai.script = sandboxAiAnswer;
  return ai;
}
