import type { Types } from 'mongoose';
import { notFound } from '../../errors';
import type { DbDeps, TenantCall } from '../deps';
import { objectIdOr404 } from '../ids';
import { listAiAgents, type AiAgentView } from './list-ai-agents';

/** One AI agent of the tenant, as the list shows it; another tenant's id is "not found". */
export async function getAiAgent(
  deps: DbDeps,
  { scope, id }: Pick<TenantCall, 'scope'> & { id: string | Types.ObjectId | undefined },
): Promise<AiAgentView> {
  const _id = objectIdOr404(id, 'AI agent');
  const agent = (await listAiAgents(deps, { scope })).find((a) => a.id === String(_id));
  if (!agent) throw notFound('AI agent');
  return agent;
}
