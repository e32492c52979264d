import { Types } from 'mongoose';
import { listTwilioWhatsAppCandidates } from '../../providers/twilio/numbers';
import type { ServiceDeps } from '../deps';
import { isTwilioAuthError, tenantTwilioClient } from './tenant-twilio-client';

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
  const twilio = await tenantTwilioClient(deps, tenant);
  if (!twilio) return { twilio: 'not-connected' };
  let candidates;
  try {
    candidates = await listTwilioWhatsAppCandidates(twilio.client);
  } catch (err) {
    return {
      twilio: 'unavailable',
      error: isTwilioAuthError(err)
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
