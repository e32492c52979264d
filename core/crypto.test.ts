import { randomBytes } from 'node:crypto';
import { customerKeyFor, decryptSecret, encryptSecret, parseEncryptionKey } from './crypto';

const key = randomBytes(32);

test('a secret encrypts to something unreadable and decrypts back', () => {
  const sealed = encryptSecret('twilio-auth-token-123', key);
  expect(sealed).not.toContain('twilio-auth-token-123');
  expect(decryptSecret(sealed, key)).toBe('twilio-auth-token-123');
  // A fresh IV each time: the same secret never encrypts to the same text.
  expect(encryptSecret('twilio-auth-token-123', key)).not.toBe(sealed);
});

test('a tampered ciphertext or another key fails instead of returning garbage', () => {
  const sealed = encryptSecret('secret', key);
  const parts = sealed.split(':');
  parts[3] = Buffer.from('SECRET').toString('base64');
  expect(() => decryptSecret(parts.join(':'), key)).toThrow();
  expect(() => decryptSecret(sealed, randomBytes(32))).toThrow();
  expect(() => decryptSecret('plain-text', key)).toThrow(/unknown format/);
});

test('parseEncryptionKey takes 64 hex chars or base64 of 32 bytes, nothing else', () => {
  const raw = randomBytes(32);
  expect(parseEncryptionKey(raw.toString('hex')).equals(raw)).toBe(true);
  expect(parseEncryptionKey(raw.toString('base64')).equals(raw)).toBe(true);
  expect(() => parseEncryptionKey('too-short')).toThrow(/32 bytes/);
});

test('customerKeyFor is stable, per tenant, and does not contain the number', () => {
  const a = customerKeyFor('tenant-a', 'whatsapp:+14155238886', 'server-secret-xyz');
  expect(customerKeyFor('tenant-a', 'whatsapp:+14155238886', 'server-secret-xyz')).toBe(a);
  expect(customerKeyFor('tenant-b', 'whatsapp:+14155238886', 'server-secret-xyz')).not.toBe(a);
  expect(customerKeyFor('tenant-a', 'whatsapp:+14155238886', 'another-secret-1')).not.toBe(a);
  expect(a).not.toMatch(/4155238886/);
  expect(a).toMatch(/^[\w-]{22}$/);
});
