import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { fetchMetaPhoneNumber } from '../../providers/meta/phone-number';
import { listTwilioWhatsAppCandidates } from '../../providers/twilio/numbers';
import type { ServiceDeps } from '../deps';
import type { NumberInput } from './schemas';
import { isTwilioAuthError, tenantTwilioClient } from './tenant-twilio-client';

/**
 * Asks the provider whether the number is the tenant's: a Twilio number must be
 * one of the account's incoming numbers or WhatsApp senders (real SDK); a Meta
 * Phone Number ID must be readable with the number's access token (Graph API).
 * The person's to fix: 400 on the field; the provider unreachable: 503. Nothing is saved either way.
 */
export async function verifyNumberOwnership(
  deps: ServiceDeps,
  tenantId: Types.ObjectId,
  data: NumberInput,
  accessToken: string | undefined,
) {
  if (data.provider === 'twilio') return verifyTwilioNumber(deps, tenantId, data.address);
  const answer = await fetchMetaPhoneNumber({
    baseUrl: deps.config.META_GRAPH_BASE_URL,
    version: deps.config.META_GRAPH_VERSION,
    phoneNumberId: data.phoneNumberId ?? '',
    accessToken: accessToken ?? '',
  });
  if (answer.outcome === 'found') return;
  if (answer.outcome === 'unreachable') throw unreachable('Meta');
  const [field, message] =
    answer.outcome === 'bad-token'
      ? ['accessToken', `Meta did not accept this Access Token (${answer.reason}). Copy it again from your Meta app.`]
      : [
          'phoneNumberId',
          `Meta does not know Phone Number ID ${data.phoneNumberId} for this Access Token’s app (${answer.reason}). Check both in WhatsApp Manager.`,
        ];
  throw new AppError('bad_request', message, { [field]: message });
}

async function verifyTwilioNumber(deps: ServiceDeps, tenantId: Types.ObjectId, address: string) {
  const twilio = await tenantTwilioClient(deps, tenantId);
  if (!twilio) return; // the caller's rules already refused: Twilio is not connected
  let candidates;
  try {
    candidates = await listTwilioWhatsAppCandidates(twilio.client);
  } catch (err) {
    if (isTwilioAuthError(err)) {
      const message = 'Twilio rejected the saved credentials: check Twilio in Integrations, then connect the number.';
      throw new AppError('bad_request', message, { address: message });
    }
    throw unreachable('Twilio');
  }
  if (!candidates.some((c) => c.address === address)) {
    const message = `${address} is not a number or WhatsApp sender of your Twilio account ${twilio.accountSid}. Buy or register it in Twilio first.`;
    throw new AppError('bad_request', message, { address: message });
  }
}

const unreachable = (provider: string) =>
  new AppError(
    'service_unavailable',
    `Could not reach ${provider} to check that the number is yours; nothing was saved. Try again in a moment.`,
  );
