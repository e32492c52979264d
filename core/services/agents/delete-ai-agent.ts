import { AppError } from '../../errors';
import type { DbDeps, TenantCall } from '../deps';
import { findInTenant, tenantFilter } from '../tenant-scope';
import { activeNumbersUsing } from './ai-agent-rules';

/** Refused while active numbers use it; inactive numbers simply lose their assignment. */
export async function deleteAiAgent(deps: DbDeps, { scope, id }: TenantCall & { id: string | undefined }) {
  const existing = await findInTenant(deps.db.AiAgent, scope, id, 'AI agent');
  const users = await activeNumbersUsing(deps, scope, existing._id);
  if (users.length > 0) {
    throw new AppError(
      'conflict',
      `"${existing.name}" cannot be deleted: active numbers use it (${users.join(', ')}). Deactivate them or assign another AI agent first.`,
    );
  }
  await deps.db.WhatsAppNumber.updateMany(tenantFilter(scope, { aiAgentId: existing._id }), {
    $unset: { aiAgentId: 1 },
  });
  await deps.db.AiAgent.deleteOne(tenantFilter(scope, { _id: existing._id }));
}
