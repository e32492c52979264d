import { Types } from 'mongoose';
import { AppError } from '../../errors';
import type { ServiceDeps, TenantScope } from '../deps';

/**
 * Forgets the Twilio credentials. Refused while Twilio numbers are connected:
 * their webhooks would start failing without anyone noticing.
 */
export async function disconnectTwilio({ db }: Pick<ServiceDeps, 'db'>, scope: TenantScope): Promise<void> {
  const tenantId = new Types.ObjectId(scope.tenantId);
  const numbers = await db.WhatsAppNumber.find({ tenantId, provider: 'twilio' }, { displayName: 1 }).lean();
  if (numbers.length > 0) {
    throw new AppError(
      'conflict',
      `Twilio still serves these numbers: ${numbers.map((n) => n.displayName).join(', ')}. Delete them first, then disconnect.`,
    );
  }
  const { deletedCount } = await db.TwilioIntegration.deleteOne({ tenantId });
  if (deletedCount === 0) throw new AppError('not_found', 'Twilio is not connected');
}
