import { isDuplicateKeyError } from '../../db';
import { parseInput } from '../../validation';
import type { DbDeps, TenantCall } from '../deps';
import { objectIdOr404 } from '../ids';
import { findInTenant, tenantFilter } from '../tenant-scope';
import { duplicateTitle } from './canned-response-rules';
import { getCannedResponse } from './get-canned-response';
import { cannedResponseInputSchema } from './schemas';

export async function updateCannedResponse(
  deps: DbDeps,
  { scope, id, input }: TenantCall & { id: string | undefined; input: unknown },
) {
  const _id = objectIdOr404(id, 'Canned response');
  const data = parseInput(cannedResponseInputSchema, input);
  await findInTenant(deps.db.CannedResponse, scope, _id, 'Canned response');
  // Checked first: FerretDB reports a unique-index clash on update with code 1, not MongoDB's 11000.
  if (await deps.db.CannedResponse.exists(tenantFilter(scope, { title: data.title, _id: { $ne: _id } })))
    throw duplicateTitle(data.title);
  try {
    await deps.db.CannedResponse.updateOne(tenantFilter(scope, { _id }), {
      $set: { title: data.title, text: data.text },
    });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw duplicateTitle(data.title);
    throw err;
  }
  return getCannedResponse(deps, { scope, id: _id });
}
