import { Types } from 'mongoose';
import { AppError } from '../../errors';
import type { ServiceDeps, TenantScope } from '../deps';

/** Forgets the Meta app. Refused while Meta numbers are connected (their webhooks need the secret). */
export async function disconnectMeta({ db }: Pick<ServiceDeps, 'db'>, scope: TenantScope): Promise<void> {
  const tenantId = new Types.ObjectId(scope.tenantId);
  const numbers = await db.WhatsAppNumber.find({ tenantId, provider: 'meta' }, { displayName: 1 }).lean();
  if (numbers.length > 0) {
    throw new AppError(
      'conflict',
      `Meta still serves these numbers: ${numbers.map((n) => n.displayName).join(', ')}. Delete them first, then disconnect.`,
    );
  }
  const { deletedCount } = await db.MetaIntegration.deleteOne({ tenantId });
  if (deletedCount === 0) throw new AppError('not_found', 'Meta is not connected');
}
