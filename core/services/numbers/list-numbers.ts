import { Types } from 'mongoose';
import type { Db } from '../../db';
import { metaWebhookUrl, twilioWebhookUrl } from '../webhook-urls';
import type { TenantScope } from '../deps';

export interface NumberView {
  id: string;
  provider: 'twilio' | 'meta';
  /** `whatsapp:+14155238886` for Twilio; `meta:{phoneNumberId}` for Meta. */
  address: string;
  displayName: string;
  active: boolean;
  aiAgent: { id: string; name: string; whatsappEnabled: boolean } | null;
  /** The URL to configure at the provider for this number's messages. */
  webhookUrl: string;
  meta: { phoneNumberId: string; businessAccountId: string | null; accessTokenSet: boolean } | null;
}

/** The tenant's numbers for the cards and the API. The Meta access token never leaves, only whether it is set. */
export async function listNumbers(db: Db, scope: TenantScope): Promise<NumberView[]> {
  const tenantId = new Types.ObjectId(scope.tenantId);
  const [numbers, agents] = await Promise.all([
    db.WhatsAppNumber.find({ tenantId }).sort({ createdAt: 1 }).lean(),
    db.AiAgent.find({ tenantId }, { name: 1, channels: 1 }).lean(),
  ]);
  const agentById = new Map(agents.map((a) => [String(a._id), a]));
  return numbers.map((n) => {
    const agent = n.aiAgentId ? agentById.get(String(n.aiAgentId)) : undefined;
    const provider = n.provider as 'twilio' | 'meta';
    return {
      id: String(n._id),
      provider,
      address: n.address,
      displayName: n.displayName,
      active: !!n.active,
      aiAgent: agent
        ? { id: String(agent._id), name: agent.name, whatsappEnabled: agent.channels?.whatsapp !== false }
        : null,
      webhookUrl:
        provider === 'twilio'
          ? twilioWebhookUrl(scope.baseUrl, scope.tenantSlug)
          : metaWebhookUrl(scope.baseUrl, scope.tenantSlug),
      meta:
        provider === 'meta'
          ? {
              phoneNumberId: n.meta?.phoneNumberId ?? '',
              businessAccountId: n.meta?.businessAccountId ?? null,
              accessTokenSet: !!n.meta?.accessTokenEncrypted,
            }
          : null,
    };
  });
}

export async function getNumber(db: Db, scope: TenantScope, id: Types.ObjectId): Promise<NumberView | null> {
  return (await listNumbers(db, scope)).find((n) => n.id === String(id)) ?? null;
}
