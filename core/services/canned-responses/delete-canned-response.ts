import type { DbDeps, TenantCall } from '../deps';
import { findInTenant, tenantFilter } from '../tenant-scope';

export async function deleteCannedResponse(deps: DbDeps, { scope, id }: TenantCall & { id: string | undefined }) {
  const existing = await findInTenant(deps.db.CannedResponse, scope, id, 'Canned response');
  await deps.db.CannedResponse.deleteOne(tenantFilter(scope, { _id: existing._id }));
}
