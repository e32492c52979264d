import { Types } from 'mongoose';
import { notFound } from '../../errors';
import type { ServiceDeps, TenantScope } from '../deps';
import { objectIdOr404 } from '../ids';

/** Deletes the number; its past conversations stay readable. */
export async function deleteNumber(deps: Pick<ServiceDeps, 'db'>, scope: TenantScope, id: string | undefined) {
  const _id = objectIdOr404(id, 'Number');
  const { deletedCount } = await deps.db.WhatsAppNumber.deleteOne({
    _id,
    tenantId: new Types.ObjectId(scope.tenantId),
  });
  if (deletedCount === 0) throw notFound('Number');
}
