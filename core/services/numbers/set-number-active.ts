import { Types } from 'mongoose';
import { AppError, notFound } from '../../errors';
import { parseInput } from '../../validation';
import type { ServiceDeps, TenantScope } from '../deps';
import { objectIdOr404 } from '../ids';
import { getNumber } from './list-numbers';
import { numberActiveSchema } from './schemas';

/** The card's Active toggle. Activating needs an AI agent with WhatsApp enabled. */
export async function setNumberActive(deps: ServiceDeps, scope: TenantScope, id: string | undefined, input: unknown) {
  const _id = objectIdOr404(id, 'Number');
  const { active } = parseInput(numberActiveSchema, input);
  const tenantId = new Types.ObjectId(scope.tenantId);
  const existing = await deps.db.WhatsAppNumber.findOne({ _id, tenantId }).lean();
  if (!existing) throw notFound('Number');
  if (active) {
    const agent = existing.aiAgentId
      ? await deps.db.AiAgent.findOne({ _id: existing.aiAgentId, tenantId }).lean()
      : null;
    if (!agent) {
      const message = `"${existing.displayName}" has no AI agent. Edit the number and assign one before activating it.`;
      throw new AppError('bad_request', message, { active: message });
    }
    if (agent.channels?.whatsapp === false) {
      const message = `The AI agent "${agent.name}" has WhatsApp turned off. Turn it on in AI Agents, or assign another, before activating.`;
      throw new AppError('bad_request', message, { active: message });
    }
  }
  await deps.db.WhatsAppNumber.updateOne({ _id, tenantId }, { $set: { active } });
  return (await getNumber(deps.db, scope, _id))!;
}
