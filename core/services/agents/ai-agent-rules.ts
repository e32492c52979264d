import type { Types } from 'mongoose';
import { AppError } from '../../errors';
import type { DbDeps } from '../deps';
import { tenantFilter, type Scoped } from '../tenant-scope';

/** Names are unique per tenant (a unique index): the person hears which name is taken. */
export const duplicateName = (name: string) =>
  new AppError('conflict', `An AI agent named "${name}" already exists.`, { name: 'This name is already used' });

/** The display names of the active numbers that answer with this AI agent. */
export async function activeNumbersUsing({ db }: DbDeps, scope: Scoped, aiAgentId: Types.ObjectId): Promise<string[]> {
  const numbers = await db.WhatsAppNumber.find(tenantFilter(scope, { aiAgentId, active: true }), {
    displayName: 1,
  }).lean();
  return numbers.map((n) => n.displayName);
}
