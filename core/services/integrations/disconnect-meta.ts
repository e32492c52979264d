import { AppError } from '../../errors';
import type { DbDeps, TenantCall } from '../deps';
import { tenantFilter } from '../tenant-scope';

/** Forgets the Meta app. Refused while Meta numbers are connected (their webhooks need the secret). */
export async function disconnectMeta({ db }: DbDeps, { scope }: TenantCall): Promise<void> {
  const numbers = await db.WhatsAppNumber.find(tenantFilter(scope, { provider: 'meta' }), { displayName: 1 }).lean();
  if (numbers.length > 0) {
    throw new AppError(
      'conflict',
      `Meta still serves these numbers: ${numbers.map((n) => n.displayName).join(', ')}. Delete them first, then disconnect.`,
    );
  }
  const { deletedCount } = await db.MetaIntegration.deleteOne(tenantFilter(scope));
  if (deletedCount === 0) throw new AppError('not_found', 'Meta is not connected');
}
