import type { DbDeps, TenantCall } from '../deps';
import { tenantFilter } from '../tenant-scope';

export interface AiAgentView {
  id: string;
  name: string;
  systemPrompt: string;
  model: string;
  whatsappEnabled: boolean;
  /** Numbers this AI agent answers on (active or not): shown so a change's reach is visible. */
  numbers: { id: string; displayName: string; active: boolean }[];
}

export async function listAiAgents({ db }: DbDeps, { scope }: Pick<TenantCall, 'scope'>): Promise<AiAgentView[]> {
  const [agents, numbers] = await Promise.all([
    db.AiAgent.find(tenantFilter(scope)).sort({ name: 1 }).lean(),
    db.WhatsAppNumber.find(tenantFilter(scope), { displayName: 1, active: 1, aiAgentId: 1 }).lean(),
  ]);
  return agents.map((a) => ({
    id: String(a._id),
    name: a.name,
    systemPrompt: a.systemPrompt,
    model: a.model,
    whatsappEnabled: a.channels?.whatsapp !== false,
    numbers: numbers
      .filter((n) => n.aiAgentId && String(n.aiAgentId) === String(a._id))
      .map((n) => ({ id: String(n._id), displayName: n.displayName, active: !!n.active })),
  }));
}
