import { Types } from 'mongoose';
import { fieldsNeedAttention, notFound } from '../../errors';
import { parseInput } from '../../validation';
import type { ServiceDeps, TenantScope } from '../deps';
import { objectIdOr404 } from '../ids';
import { getNumber } from './list-numbers';
import { accessTokenOf, assertUsable, fieldsOf, saveOrExplainDuplicate } from './number-rules';
import { numberInputSchema } from './schemas';
import { verifyNumberOwnership } from './verify-number-ownership';

/** Edit: same rules as connect; a blank Access Token keeps the saved one. */
export async function updateNumber(deps: ServiceDeps, scope: TenantScope, id: string | undefined, input: unknown) {
  const _id = objectIdOr404(id, 'Number');
  const tenantId = new Types.ObjectId(scope.tenantId);
  const existing = await deps.db.WhatsAppNumber.findOne({ _id, tenantId }).lean();
  if (!existing) throw notFound('Number');
  const data = parseInput(numberInputSchema('update'), input);
  await assertUsable(deps, tenantId, data, _id);
  const keptToken = existing.meta?.accessTokenEncrypted ?? undefined;
  if (data.provider === 'meta' && !data.accessToken && !keptToken) {
    throw fieldsNeedAttention({ accessToken: 'Enter the Access Token' });
  }
  // A rename keeps what the provider already confirmed; another number or a new token is checked again.
  if (data.address !== existing.address || data.provider !== existing.provider || data.accessToken)
    await verifyNumberOwnership(deps, tenantId, data, accessTokenOf(deps, data, keptToken));
  await saveOrExplainDuplicate(deps, tenantId, data, () =>
    deps.db.WhatsAppNumber.updateOne(
      { _id, tenantId },
      {
        $set: fieldsOf(deps, data, keptToken),
        ...(data.aiAgentId ? {} : { $unset: { aiAgentId: 1 } }),
      },
    ),
  );
  return (await getNumber(deps.db, scope, _id))!;
}
