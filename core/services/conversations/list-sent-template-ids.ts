import type { DbDeps, TenantCall } from '../deps';
import { tenantFilter } from '../tenant-scope';

/** Template ids this tenant has sent before, for typing one by hand (docs/decisions/0040). */
export async function listSentTemplateIds({ db }: DbDeps, { scope }: Pick<TenantCall, 'scope'>): Promise<string[]> {
  const ids = (await db.Message.distinct(
    'templateId',
    tenantFilter(scope, { templateId: { $exists: true, $ne: null } }),
  )) as string[];
  return ids.slice(0, 50);
}
