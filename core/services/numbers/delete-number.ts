import { Types } from 'mongoose';
import { notFound } from '../../errors';
import { recordTimelineEvent } from '../conversations/record-timeline-event';
import type { ServiceDeps, TenantScope } from '../deps';
import { objectIdOr404 } from '../ids';

/** Deletes the number; its past conversations stay readable, and their timelines say who deleted it and when. */
export async function deleteNumber(
  deps: Pick<ServiceDeps, 'db'>,
  scope: TenantScope,
  id: string | undefined,
  actor: { userId: string },
) {
  const _id = objectIdOr404(id, 'Number');
  const { deletedCount } = await deps.db.WhatsAppNumber.deleteOne({
    _id,
    tenantId: new Types.ObjectId(scope.tenantId),
  });
  if (deletedCount === 0) throw notFound('Number');
  await recordTimelineEvent(
    deps,
    { tenantId: scope.tenantId, numberId: String(_id) },
    { kind: 'number_deleted', by: 'member', byUserId: actor.userId, at: new Date().toISOString() },
  );
}
