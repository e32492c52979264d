import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/** Accepts a 32-byte key given as 64 hex characters or as base64. */
export function parseEncryptionKey(value: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32) {
    throw new Error('ENCRYPTION_KEY must be 32 bytes (64 hex characters or base64)');
  }
  return key;
}

const VERSION = 'v1';

/** AES-256-GCM; the output carries version, IV and auth tag so it can be decrypted alone. */
export function encryptSecret(plain: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString('base64'), tag.toString('base64'), data.toString('base64')].join(':');
}

export function decryptSecret(sealed: string, key: Buffer): string {
  const [version, iv, tag, data] = sealed.split(':');
  if (version !== VERSION || !iv || !tag || data === undefined) {
    throw new Error('Encrypted secret has an unknown format');
  }
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
}

/**
 * Keyed hash of a customer's number: stable per tenant, but the number cannot be
 * read back from workflow IDs or search attributes, which ops see in plain text.
 */
export function customerKeyFor(tenantId: string, customerAddress: string, secret: string): string {
  return createHmac('sha256', secret).update(`${tenantId}:${customerAddress}`).digest('base64url').slice(0, 22);
}
