import { AppError } from '../../errors';
import type { DbDeps, TenantCall } from '../deps';
import { tenantFilter } from '../tenant-scope';

/**
 * Forgets the Twilio credentials. Refused while Twilio numbers are connected:
 * their webhooks would start failing without anyone noticing.
 */
export async function disconnectTwilio({ db }: DbDeps, { scope }: TenantCall): Promise<void> {
  const numbers = await db.WhatsAppNumber.find(tenantFilter(scope, { provider: 'twilio' }), { displayName: 1 }).lean();
  if (numbers.length > 0) {
    throw new AppError(
      'conflict',
      `Twilio still serves these numbers: ${numbers.map((n) => n.displayName).join(', ')}. Delete them first, then disconnect.`,
    );
  }
  const { deletedCount } = await db.TwilioIntegration.deleteOne(tenantFilter(scope));
  if (deletedCount === 0) throw new AppError('not_found', 'Twilio is not connected');
}
