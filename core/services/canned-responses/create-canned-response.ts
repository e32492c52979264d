import { isDuplicateKeyError } from '../../db';
import { parseInput } from '../../validation';
import type { DbDeps, TenantCall } from '../deps';
import { tenantFilter } from '../tenant-scope';
import { duplicateTitle } from './canned-response-rules';
import { getCannedResponse } from './get-canned-response';
import { cannedResponseInputSchema } from './schemas';

export async function createCannedResponse(deps: DbDeps, { scope, input }: TenantCall & { input: unknown }) {
  const data = parseInput(cannedResponseInputSchema, input);
  try {
    const created = await deps.db.CannedResponse.create({ ...tenantFilter(scope), title: data.title, text: data.text });
    return await getCannedResponse(deps, { scope, id: created._id });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw duplicateTitle(data.title);
    throw err;
  }
}
