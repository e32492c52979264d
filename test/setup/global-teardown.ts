import { rmSync } from 'node:fs';

/** What an idle Node process keeps on its own (stdio, pending file work); anything else is a leak. */
const IDLE_RESOURCES = new Set(['TTYWrap', 'PipeWrap', 'FSReqCallback', 'FSReqPromise', 'SignalWrap', 'StatWatcher']);

export default async function globalTeardown(): Promise<void> {
  const started = Date.now();
  await globalThis.__heliosServices?.stop();
  if (process.env.HELIOS_TEST_DATA_DIR) rmSync(process.env.HELIOS_TEST_DATA_DIR, { recursive: true, force: true });
  process.stderr.write(`[services] stopped in ${Date.now() - started} ms\n`);
  await failOnLeftovers();
}

/**
 * A timer or socket a test left running keeps Jest alive after the run (CI would hang
 * until its time limit). Give short-lived ones a moment, then fail with the list;
 * `forceExit` in jest.config.js then ends the process.
 */
async function failOnLeftovers(): Promise<void> {
  const leftovers = () => process.getActiveResourcesInfo().filter((r) => !IDLE_RESOURCES.has(r));
  for (let waited = 0; leftovers().length > 0 && waited < 5_000; waited += 250) {
    await new Promise((r) => setTimeout(r, 250).unref());
  }
  if (leftovers().length > 0) {
    throw new Error(`Tests left these running after the run: ${leftovers().join(', ')}`);
  }
}
