import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const started = Date.now();
  await globalThis.__heliosServices?.stop();
  if (process.env.HELIOS_TEST_DATA_DIR) rmSync(process.env.HELIOS_TEST_DATA_DIR, { recursive: true, force: true });
  process.stderr.write(`[services] stopped in ${Date.now() - started} ms\n`);
}
