import type { Types } from 'mongoose';
import { decryptSecret, parseEncryptionKey } from '../../crypto';
import { createTwilioClient } from '../../providers/twilio/client';
import type { ServiceDeps } from '../deps';

/** The tenant's Twilio account as the real SDK sees it, or null when Twilio is not connected. */
export async function tenantTwilioClient(deps: ServiceDeps, tenantId: Types.ObjectId) {
  const integration = await deps.db.TwilioIntegration.findOne({ tenantId }).lean();
  if (!integration) return null;
  const token = decryptSecret(integration.authTokenEncrypted, parseEncryptionKey(deps.config.ENCRYPTION_KEY));
  return {
    accountSid: integration.accountSid,
    client: createTwilioClient(integration.accountSid, token, deps.config.TWILIO_API_BASE_URL),
  };
}

/** Twilio's answer to bad credentials: HTTP 401 or its error code 20003. */
export function isTwilioAuthError(err: unknown): boolean {
  return (err as { status?: number }).status === 401 || (err as { code?: number }).code === 20003;
}
