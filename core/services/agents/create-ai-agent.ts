import { isDuplicateKeyError } from '../../db';
import { parseInput } from '../../validation';
import type { DbDeps, TenantCall } from '../deps';
import { tenantFilter } from '../tenant-scope';
import { duplicateName } from './ai-agent-rules';
import { getAiAgent } from './get-ai-agent';
import { aiAgentInputSchema } from './schemas';

export async function createAiAgent(deps: DbDeps, { scope, input }: TenantCall & { input: unknown }) {
  const data = parseInput(aiAgentInputSchema, input);
  try {
    const created = await deps.db.AiAgent.create({
      ...tenantFilter(scope),
      name: data.name,
      systemPrompt: data.systemPrompt,
      model: data.model,
      channels: { whatsapp: data.whatsappEnabled },
    });
    return await getAiAgent(deps, { scope, id: created._id });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw duplicateName(data.name);
    throw err;
  }
}
