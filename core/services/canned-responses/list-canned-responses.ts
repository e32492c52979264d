import type { DbDeps, TenantCall } from '../deps';
import { tenantFilter } from '../tenant-scope';

export interface CannedResponseView {
  id: string;
  title: string;
  text: string;
}

/** The tenant's saved replies, by title: every member may list them (to insert one). */
export async function listCannedResponses(
  { db }: DbDeps,
  { scope }: Pick<TenantCall, 'scope'>,
): Promise<CannedResponseView[]> {
  const found = await db.CannedResponse.find(tenantFilter(scope)).sort({ title: 1 }).lean();
  return found.map((c) => ({ id: String(c._id), title: c.title, text: c.text }));
}
