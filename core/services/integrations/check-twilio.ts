import { decryptSecret, parseEncryptionKey } from '../../crypto';
import { AppError } from '../../errors';
import type { ConfigDeps, TenantCall } from '../deps';
import { tenantFilter } from '../tenant-scope';
import { getIntegrations } from './get-integrations';
import { verifyTwilioCredentials } from './verify-twilio-credentials';

/**
 * Re-checks the saved credentials (a token rotated in the Twilio Console stops
 * working here): marks the integration Connected or Invalid. An unreachable
 * Twilio changes nothing and says so.
 */
export async function checkTwilio(
  deps: ConfigDeps<'ENCRYPTION_KEY' | 'TWILIO_API_BASE_URL'>,
  { scope }: Pick<TenantCall, 'scope'>,
) {
  const integration = await deps.db.TwilioIntegration.findOne(tenantFilter(scope)).lean();
  if (!integration) throw new AppError('not_found', 'Twilio is not connected');
  const token = decryptSecret(integration.authTokenEncrypted, parseEncryptionKey(deps.config.ENCRYPTION_KEY));
  let status: 'connected' | 'invalid' = 'connected';
  try {
    await verifyTwilioCredentials(integration.accountSid, token, deps.config.TWILIO_API_BASE_URL);
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'bad_request') throw err;
    status = 'invalid';
  }
  await deps.db.TwilioIntegration.updateOne(tenantFilter(scope), { $set: { status, checkedAt: new Date() } });
  return (await getIntegrations(deps, { scope })).twilio;
}
