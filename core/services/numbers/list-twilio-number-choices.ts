import { Types } from 'mongoose';
import { decryptSecret, parseEncryptionKey } from '../../crypto';
import { createTwilioClient } from '../../providers/twilio/client';
import { listTwilioWhatsAppCandidates } from '../../providers/twilio/numbers';
import type { ServiceDeps } from '../deps';

export type TwilioNumberChoices =
  | { twilio: 'not-connected' }
  | { twilio: 'unavailable'; error: string }
  | { twilio: 'connected'; numbers: { address: string; sources: string[]; connectedAs: string | null }[] };

/**
 * The Twilio numbers the Connect New Number dropdown offers, read live from the
 * tenant's account through the SDK; each says whether it is already connected here.
 */
export async function listTwilioNumberChoices(deps: ServiceDeps, tenantId: string): Promise<TwilioNumberChoices> {
  const tenant = new Types.ObjectId(tenantId);
  const integration = await deps.db.TwilioIntegration.findOne({ tenantId: tenant }).lean();
  if (!integration) return { twilio: 'not-connected' };
  const token = decryptSecret(integration.authTokenEncrypted, parseEncryptionKey(deps.config.ENCRYPTION_KEY));
  const client = createTwilioClient(integration.accountSid, token, deps.config.TWILIO_API_BASE_URL);
  let candidates;
  try {
    candidates = await listTwilioWhatsAppCandidates(client);
  } catch (err) {
    const code = (err as { code?: number }).code;
    const status = (err as { status?: number }).status;
    return {
      twilio: 'unavailable',
      error:
        status === 401 || code === 20003
          ? 'Twilio rejected the saved credentials: check Twilio in Integrations. You can still enter a number by hand.'
          : 'Could not read your numbers from Twilio right now. You can still enter a number by hand.',
    };
  }
  const connected = await deps.db.WhatsAppNumber.find({ tenantId: tenant, provider: 'twilio' }).lean();
  const byAddress = new Map(connected.map((n) => [n.address, n.displayName]));
  return {
    twilio: 'connected',
    numbers: candidates.map((c) => ({ ...c, connectedAs: byAddress.get(c.address) ?? null })),
  };
}
