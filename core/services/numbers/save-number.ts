import { Types } from 'mongoose';
import { encryptSecret, parseEncryptionKey } from '../../crypto';
import { isDuplicateKeyError } from '../../db';
import { AppError, notFound } from '../../errors';
import { parseInput } from '../../validation';
import type { ServiceDeps, TenantScope } from '../deps';
import { objectIdOr404 } from '../ids';
import { getNumber } from './list-numbers';
import { numberActiveSchema, numberInputSchema, type NumberInput } from './schemas';

/** Connect New Number: one number, once per tenant, through a provider the tenant has set up. */
export async function connectNumber(deps: ServiceDeps, scope: TenantScope, input: unknown) {
  const data = parseInput(numberInputSchema('create'), input);
  const tenantId = new Types.ObjectId(scope.tenantId);
  await assertUsable(deps, tenantId, data, null);
  const doc = await saveOrExplainDuplicate(deps, tenantId, data, () =>
    deps.db.WhatsAppNumber.create({ tenantId, ...fieldsOf(deps, data, undefined) }),
  );
  return (await getNumber(deps.db, scope, doc._id))!;
}

/** Edit: same rules as connect; a blank Access Token keeps the saved one. */
export async function updateNumber(deps: ServiceDeps, scope: TenantScope, id: string | undefined, input: unknown) {
  const _id = objectIdOr404(id, 'Number');
  const tenantId = new Types.ObjectId(scope.tenantId);
  const existing = await deps.db.WhatsAppNumber.findOne({ _id, tenantId }).lean();
  if (!existing) throw notFound('Number');
  const data = parseInput(numberInputSchema('update'), input);
  await assertUsable(deps, tenantId, data, _id);
  if (data.provider === 'meta' && !data.accessToken && !existing.meta?.accessTokenEncrypted) {
    throw new AppError('bad_request', 'Some fields need attention.', { accessToken: 'Enter the Access Token' });
  }
  await saveOrExplainDuplicate(deps, tenantId, data, () =>
    deps.db.WhatsAppNumber.updateOne(
      { _id, tenantId },
      {
        $set: fieldsOf(deps, data, existing.meta?.accessTokenEncrypted ?? undefined),
        ...(data.aiAgentId ? {} : { $unset: { aiAgentId: 1 } }),
      },
    ),
  );
  return (await getNumber(deps.db, scope, _id))!;
}

/** The card's Active toggle. Activating needs an AI agent with WhatsApp enabled. */
export async function setNumberActive(deps: ServiceDeps, scope: TenantScope, id: string | undefined, input: unknown) {
  const _id = objectIdOr404(id, 'Number');
  const { active } = parseInput(numberActiveSchema, input);
  const tenantId = new Types.ObjectId(scope.tenantId);
  const existing = await deps.db.WhatsAppNumber.findOne({ _id, tenantId }).lean();
  if (!existing) throw notFound('Number');
  if (active) {
    const agent = existing.aiAgentId
      ? await deps.db.AiAgent.findOne({ _id: existing.aiAgentId, tenantId }).lean()
      : null;
    if (!agent) {
      const message = `"${existing.displayName}" has no AI agent. Edit the number and assign one before activating it.`;
      throw new AppError('bad_request', message, { active: message });
    }
    if (agent.channels?.whatsapp === false) {
      const message = `The AI agent "${agent.name}" has WhatsApp turned off. Turn it on in AI Agents, or assign another, before activating.`;
      throw new AppError('bad_request', message, { active: message });
    }
  }
  await deps.db.WhatsAppNumber.updateOne({ _id, tenantId }, { $set: { active } });
  return (await getNumber(deps.db, scope, _id))!;
}

/** Deletes the number; its past conversations stay readable. */
export async function deleteNumber(deps: Pick<ServiceDeps, 'db'>, scope: TenantScope, id: string | undefined) {
  const _id = objectIdOr404(id, 'Number');
  const { deletedCount } = await deps.db.WhatsAppNumber.deleteOne({
    _id,
    tenantId: new Types.ObjectId(scope.tenantId),
  });
  if (deletedCount === 0) throw notFound('Number');
}

async function assertUsable(
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
  const taken = await deps.db.WhatsAppNumber.findOne({ tenantId, address: data.address }).lean();
  const takenByAnother = !!taken && !(self && taken._id.equals(self));
  if (takenByAnother) {
    fields[data.provider === 'meta' ? 'phoneNumberId' : 'address'] ??= alreadyConnected(
      data.address,
      taken!.displayName,
    );
  }
  if (Object.keys(fields).length > 0) {
    // Only a duplicate is a conflict (409); anything else to fix in the form is a 400.
    const onlyDuplicate = takenByAnother && Object.keys(fields).length === 1;
    throw new AppError(onlyDuplicate ? 'conflict' : 'bad_request', Object.values(fields).join(' · '), fields);
  }
}

function alreadyConnected(address: string, displayName: string) {
  const shown = address.startsWith('meta:') ? `Phone Number ID ${address.slice(5)}` : address;
  return `${shown} is already connected (as "${displayName}")`;
}

function fieldsOf(deps: ServiceDeps, data: NumberInput, keptTokenEncrypted: string | undefined) {
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

/** Two people connecting the same number at once: the unique index decides, with the same message. */
async function saveOrExplainDuplicate<T>(
  deps: ServiceDeps,
  tenantId: Types.ObjectId,
  data: NumberInput,
  save: () => Promise<T>,
): Promise<T> {
  try {
    return await save();
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    const taken = await deps.db.WhatsAppNumber.findOne({ tenantId, address: data.address }).lean();
    const message = alreadyConnected(data.address, taken?.displayName ?? 'another number');
    throw new AppError('conflict', message, { [data.provider === 'meta' ? 'phoneNumberId' : 'address']: message });
  }
}
