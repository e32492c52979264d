import { isDuplicateKeyError } from '../../db';
import { AppError } from '../../errors';
import { parseInput } from '../../validation';
import type { DbDeps, TenantCall } from '../deps';
import { objectIdOr404 } from '../ids';
import { findInTenant, tenantFilter } from '../tenant-scope';
import { activeNumbersUsing, duplicateName } from './ai-agent-rules';
import { getAiAgent } from './get-ai-agent';
import { aiAgentInputSchema } from './schemas';

/**
 * Edits an AI agent. Turning WhatsApp off is refused while active numbers rely
 * on it, naming them: those numbers would silently stop answering.
 */
export async function updateAiAgent(
  deps: DbDeps,
  { scope, id, input }: TenantCall & { id: string | undefined; input: unknown },
) {
  const _id = objectIdOr404(id, 'AI agent');
  const data = parseInput(aiAgentInputSchema, input);
  await findInTenant(deps.db.AiAgent, scope, _id, 'AI agent');
  // Checked first: FerretDB reports a unique-index clash on update with code 1, not MongoDB's 11000.
  if (await deps.db.AiAgent.exists(tenantFilter(scope, { name: data.name, _id: { $ne: _id } })))
    throw duplicateName(data.name);
  if (!data.whatsappEnabled) {
    const users = await activeNumbersUsing(deps, scope, _id);
    if (users.length > 0) {
      const message = `WhatsApp cannot be turned off: active numbers use this AI agent (${users.join(', ')}). Deactivate them or assign another AI agent first.`;
      throw new AppError('conflict', message, { whatsappEnabled: message });
    }
  }
  try {
    await deps.db.AiAgent.updateOne(tenantFilter(scope, { _id }), {
      $set: {
        name: data.name,
        systemPrompt: data.systemPrompt,
        model: data.model,
        'channels.whatsapp': data.whatsappEnabled,
      },
    });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw duplicateName(data.name);
    throw err;
  }
  return getAiAgent(deps, { scope, id: _id });
}
