import { Types } from 'mongoose';
import { isDuplicateKeyError, type Db } from '../../db';
import { AppError, notFound } from '../../errors';
import { parseInput } from '../../validation';
import { objectIdOr404 } from '../ids';
import { getAiAgent } from './list-ai-agents';
import { aiAgentInputSchema } from './schemas';

const duplicateName = (name: string) =>
  new AppError('conflict', `An AI agent named "${name}" already exists.`, { name: 'This name is already used' });

export async function createAiAgent(db: Db, tenantId: string, input: unknown) {
  const data = parseInput(aiAgentInputSchema, input);
  try {
    const created = await db.AiAgent.create({
      tenantId: new Types.ObjectId(tenantId),
      name: data.name,
      systemPrompt: data.systemPrompt,
      model: data.model,
      channels: { whatsapp: data.whatsappEnabled },
    });
    return (await getAiAgent(db, tenantId, created._id))!;
  } catch (err) {
    if (isDuplicateKeyError(err)) throw duplicateName(data.name);
    throw err;
  }
}

/**
 * Edits an AI agent. Turning WhatsApp off is refused while active numbers rely
 * on it, naming them: those numbers would silently stop answering.
 */
export async function updateAiAgent(db: Db, tenantId: string, id: string | undefined, input: unknown) {
  const _id = objectIdOr404(id, 'AI agent');
  const data = parseInput(aiAgentInputSchema, input);
  const tenant = new Types.ObjectId(tenantId);
  const existing = await db.AiAgent.findOne({ _id, tenantId: tenant }).lean();
  if (!existing) throw notFound('AI agent');
  // Checked first: FerretDB reports a unique-index clash on update with code 1, not MongoDB's 11000.
  if (await db.AiAgent.exists({ tenantId: tenant, name: data.name, _id: { $ne: _id } })) throw duplicateName(data.name);
  if (!data.whatsappEnabled) {
    const users = await activeNumbersUsing(db, tenant, _id);
    if (users.length > 0) {
      const message = `WhatsApp cannot be turned off: active numbers use this AI agent (${users.join(', ')}). Deactivate them or assign another AI agent first.`;
      throw new AppError('conflict', message, { whatsappEnabled: message });
    }
  }
  try {
    await db.AiAgent.updateOne(
      { _id, tenantId: tenant },
      {
        $set: {
          name: data.name,
          systemPrompt: data.systemPrompt,
          model: data.model,
          'channels.whatsapp': data.whatsappEnabled,
        },
      },
    );
  } catch (err) {
    if (isDuplicateKeyError(err)) throw duplicateName(data.name);
    throw err;
  }
  return (await getAiAgent(db, tenantId, _id))!;
}

/** Refused while active numbers use it; inactive numbers simply lose their assignment. */
export async function deleteAiAgent(db: Db, tenantId: string, id: string | undefined): Promise<void> {
  const _id = objectIdOr404(id, 'AI agent');
  const tenant = new Types.ObjectId(tenantId);
  const existing = await db.AiAgent.findOne({ _id, tenantId: tenant }).lean();
  if (!existing) throw notFound('AI agent');
  const users = await activeNumbersUsing(db, tenant, _id);
  if (users.length > 0) {
    throw new AppError(
      'conflict',
      `"${existing.name}" cannot be deleted: active numbers use it (${users.join(', ')}). Deactivate them or assign another AI agent first.`,
    );
  }
  await db.WhatsAppNumber.updateMany({ tenantId: tenant, aiAgentId: _id }, { $unset: { aiAgentId: 1 } });
  await db.AiAgent.deleteOne({ _id, tenantId: tenant });
}

async function activeNumbersUsing(db: Db, tenantId: Types.ObjectId, aiAgentId: Types.ObjectId): Promise<string[]> {
  const numbers = await db.WhatsAppNumber.find({ tenantId, aiAgentId, active: true }, { displayName: 1 }).lean();
  return numbers.map((n) => n.displayName);
}
