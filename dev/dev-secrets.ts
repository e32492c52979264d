import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const NAMES = ['ENCRYPTION_KEY', 'THREAD_KEY_SECRET', 'SESSION_SECRET'] as const;

/**
 * Secrets for the local stack: taken from the environment (.env) when set,
 * otherwise generated once and kept in the data folder, so encrypted provider
 * tokens and thread IDs stay valid from one `npm run dev` to the next.
 */
export function loadOrCreateDevSecrets(dataDir: string): Record<(typeof NAMES)[number], string> {
  const file = path.join(dataDir, 'secrets.json');
  const stored: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  let changed = false;
  for (const name of NAMES) {
    if (!stored[name]) {
      stored[name] = randomBytes(32).toString('hex');
      changed = true;
    }
  }
  if (changed) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return Object.fromEntries(NAMES.map((n) => [n, process.env[n] || stored[n]])) as Record<
    (typeof NAMES)[number],
    string
  >;
}
