import { Types } from 'mongoose';
import { decryptSecret, encryptSecret, parseEncryptionKey } from '../../crypto';
import { isDuplicateKeyError } from '../../db';
import { AppError } from '../../errors';
import type { ServiceDeps } from '../deps';
import type { NumberInput } from './schemas';

/**
 * The rules connect and edit share: an AI agent of the tenant's with WhatsApp on,
 * the provider set up, and the number connected nowhere else — in this tenant or
 * any other (a number routes to exactly one tenant).
 */
export async function assertUsable(
  deps: ServiceDeps,
  tenantId: Types.ObjectId,
  data: NumberInput,
  self: Types.ObjectId | null,
) {
  const fields: Record<string, string> = {};
  if (data.aiAgentId) {
    const agent = Types.ObjectId.isValid(data.aiAgentId)
      ? await deps.db.AiAgent.findOne({ _id: new Types.ObjectId(data.aiAgentId), tenantId }).lean()
      : null;
    if (!agent) fields.aiAgentId = 'Choose one of your AI agents';
    else if (agent.channels?.whatsapp === false)
      fields.aiAgentId = `"${agent.name}" has WhatsApp turned off: choose an AI agent with WhatsApp enabled`;
  }
  if (data.provider === 'twilio' && !(await deps.db.TwilioIntegration.exists({ tenantId }))) {
    fields.address = 'Twilio is not connected: connect it in Integrations first';
  }
  const taken = await deps.db.WhatsAppNumber.findOne({ address: data.address }).lean();
  const takenByAnother = !!taken && !(self && taken._id.equals(self));
  if (takenByAnother) fields[addressField(data)] ??= alreadyConnected(data.address, tenantId, taken!);
  if (Object.keys(fields).length > 0) {
    // Only a duplicate is a conflict (409); anything else to fix in the form is a 400.
    const onlyDuplicate = takenByAnother && Object.keys(fields).length === 1;
    throw new AppError(onlyDuplicate ? 'conflict' : 'bad_request', Object.values(fields).join(' · '), fields);
  }
}

/** The Meta access token to use: the one typed in the form, else the saved one. */
export function accessTokenOf(deps: ServiceDeps, data: NumberInput, keptTokenEncrypted: string | undefined) {
  if (data.accessToken) return data.accessToken;
  return keptTokenEncrypted
    ? decryptSecret(keptTokenEncrypted, parseEncryptionKey(deps.config.ENCRYPTION_KEY))
    : undefined;
}

export function fieldsOf(deps: ServiceDeps, data: NumberInput, keptTokenEncrypted: string | undefined) {
  const token = data.accessToken
    ? encryptSecret(data.accessToken, parseEncryptionKey(deps.config.ENCRYPTION_KEY))
    : keptTokenEncrypted;
  return {
    provider: data.provider,
    address: data.address,
    displayName: data.displayName,
    active: data.active,
    ...(data.aiAgentId ? { aiAgentId: new Types.ObjectId(data.aiAgentId) } : {}),
    meta:
      data.provider === 'meta'
        ? { phoneNumberId: data.phoneNumberId, businessAccountId: data.businessAccountId, accessTokenEncrypted: token }
        : {},
  };
}

/**
 * Two people connecting the same number at once (in one tenant or two): the
 * unique index on `address` decides, with the same message as the pre-check.
 */
export async function saveOrExplainDuplicate<T>(
  deps: ServiceDeps,
  tenantId: Types.ObjectId,
  data: NumberInput,
  save: () => Promise<T>,
): Promise<T> {
  try {
    return await save();
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    const taken = await deps.db.WhatsAppNumber.findOne({ address: data.address }).lean();
    const message = alreadyConnected(data.address, tenantId, taken);
    throw new AppError('conflict', message, { [addressField(data)]: message });
  }
}

const addressField = (data: NumberInput) => (data.provider === 'meta' ? 'phoneNumberId' : 'address');

/** Names the tenant's own number; another tenant's stays anonymous (its name is not ours to show). */
function alreadyConnected(
  address: string,
  tenantId: Types.ObjectId,
  taken: { tenantId: unknown; displayName: string } | null,
) {
  const shown = address.startsWith('meta:') ? `Phone Number ID ${address.slice(5)}` : address;
  if (taken && String(taken.tenantId) !== String(tenantId))
    return `${shown} is already connected to another Helios workspace. A number can belong to one workspace only: disconnect it there first.`;
  return `${shown} is already connected (as "${taken?.displayName ?? 'another number'}")`;
}
