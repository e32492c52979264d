import type { Types } from 'mongoose';
import type { DbDeps, TenantCall } from '../deps';
import { findInTenant } from '../tenant-scope';
import type { CannedResponseView } from './list-canned-responses';

/** One saved reply of the tenant; another tenant's id is "not found". */
export async function getCannedResponse(
  { db }: DbDeps,
  { scope, id }: Pick<TenantCall, 'scope'> & { id: string | Types.ObjectId | undefined },
): Promise<CannedResponseView> {
  const c = await findInTenant(db.CannedResponse, scope, id, 'Canned response');
  return { id: String(c._id), title: c.title, text: c.text };
}
