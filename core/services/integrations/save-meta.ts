import { randomBytes } from 'node:crypto';
import { encryptSecret, parseEncryptionKey } from '../../crypto';
import { parseInput } from '../../validation';
import type { ConfigDeps, TenantCall } from '../deps';
import { tenantFilter } from '../tenant-scope';
import { getIntegrations } from './get-integrations';
import { metaAppSchema } from './schemas';

/**
 * Saves the Meta App Secret (encrypted; it checks X-Hub-Signature-256) and makes
 * a Verify Token once, kept across later saves so the console setup stays valid.
 */
export async function saveMeta(deps: ConfigDeps<'ENCRYPTION_KEY'>, { scope, input }: TenantCall & { input: unknown }) {
  const { appSecret } = parseInput(metaAppSchema, input);
  await deps.db.MetaIntegration.updateOne(
    tenantFilter(scope),
    {
      $set: { appSecretEncrypted: encryptSecret(appSecret, parseEncryptionKey(deps.config.ENCRYPTION_KEY)) },
      $setOnInsert: { verifyToken: randomBytes(24).toString('base64url') },
    },
    { upsert: true },
  );
  return (await getIntegrations(deps, { scope })).meta;
}
