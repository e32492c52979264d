import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { encryptSecret, parseEncryptionKey } from '../../crypto';
import { parseInput } from '../../validation';
import type { ServiceDeps, TenantScope } from '../deps';
import { getIntegrations } from './get-integrations';
import { metaAppSchema } from './schemas';

/**
 * Saves the Meta App Secret (encrypted; it checks X-Hub-Signature-256) and makes
 * a Verify Token once, kept across later saves so the console setup stays valid.
 */
export async function saveMeta(deps: ServiceDeps, scope: TenantScope, input: unknown) {
  const { appSecret } = parseInput(metaAppSchema, input);
  await deps.db.MetaIntegration.updateOne(
    { tenantId: new Types.ObjectId(scope.tenantId) },
    {
      $set: { appSecretEncrypted: encryptSecret(appSecret, parseEncryptionKey(deps.config.ENCRYPTION_KEY)) },
      $setOnInsert: { verifyToken: randomBytes(24).toString('base64url') },
    },
    { upsert: true },
  );
  return (await getIntegrations(deps, scope)).meta;
}
