import { Types } from 'mongoose';
import { parseInput } from '../../validation';
import type { ServiceDeps, TenantScope } from '../deps';
import { getNumber } from './list-numbers';
import { assertUsable, fieldsOf, saveOrExplainDuplicate } from './number-rules';
import { numberInputSchema } from './schemas';
import { verifyNumberOwnership } from './verify-number-ownership';

/** Connect New Number: one number, once across all tenants, that the tenant's provider account owns. */
export async function connectNumber(deps: ServiceDeps, scope: TenantScope, input: unknown) {
  const data = parseInput(numberInputSchema('create'), input);
  const tenantId = new Types.ObjectId(scope.tenantId);
  await assertUsable(deps, tenantId, data, null);
  await verifyNumberOwnership(deps, tenantId, data, data.accessToken);
  const doc = await saveOrExplainDuplicate(deps, tenantId, data, () =>
    deps.db.WhatsAppNumber.create({ tenantId, ...fieldsOf(deps, data, undefined) }),
  );
  return (await getNumber(deps.db, scope, doc._id))!;
}
