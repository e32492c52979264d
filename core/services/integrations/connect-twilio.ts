import { encryptSecret, parseEncryptionKey } from '../../crypto';
import { parseInput } from '../../validation';
import type { ConfigDeps, TenantCall } from '../deps';
import { tenantFilter } from '../tenant-scope';
import { getIntegrations } from './get-integrations';
import { twilioCredentialsSchema } from './schemas';
import { verifyTwilioCredentials } from './verify-twilio-credentials';

/** Checks the credentials with Twilio first; only working ones are saved (token encrypted). */
export async function connectTwilio(
  deps: ConfigDeps<'ENCRYPTION_KEY' | 'TWILIO_API_BASE_URL'>,
  { scope, input }: TenantCall & { input: unknown },
) {
  const { accountSid, authToken } = parseInput(twilioCredentialsSchema, input);
  await verifyTwilioCredentials(accountSid, authToken, deps.config.TWILIO_API_BASE_URL);
  await deps.db.TwilioIntegration.updateOne(
    tenantFilter(scope),
    {
      $set: {
        accountSid,
        authTokenEncrypted: encryptSecret(authToken, parseEncryptionKey(deps.config.ENCRYPTION_KEY)),
        status: 'connected',
        checkedAt: new Date(),
      },
    },
    { upsert: true },
  );
  return (await getIntegrations(deps, { scope })).twilio;
}
