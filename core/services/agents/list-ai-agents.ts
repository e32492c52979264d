import { Types } from 'mongoose';
import type { Db } from '../../db';

export interface AiAgentView {
  id: string;
  name: string;
  systemPrompt: string;
  model: string;
  whatsappEnabled: boolean;
  /** Numbers this AI agent answers on (active or not): shown so a change's reach is visible. */
  numbers: { id: string; displayName: string; active: boolean }[];
}

export async function listAiAgents(db: Db, tenantId: string): Promise<AiAgentView[]> {
  const tenant = new Types.ObjectId(tenantId);
  const [agents, numbers] = await Promise.all([
    db.AiAgent.find({ tenantId: tenant }).sort({ name: 1 }).lean(),
    db.WhatsAppNumber.find({ tenantId: tenant }, { displayName: 1, active: 1, aiAgentId: 1 }).lean(),
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

export async function getAiAgent(db: Db, tenantId: string, aiAgentId: Types.ObjectId): Promise<AiAgentView | null> {
  return (await listAiAgents(db, tenantId)).find((a) => a.id === String(aiAgentId)) ?? null;
}
