import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalServices, type LocalServices } from '../../dev/services';

const ROOT = path.resolve(__dirname, '../..');

declare global {
  var __heliosServices: LocalServices | undefined;
}

/**
 * One Temporal dev server and one MongoDB-compatible server for the whole run,
 * the UI and the workflow bundle built once; test files get them through env.
 */
export default async function globalSetup(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'helios-test-'));
  const services = await startLocalServices({ dataDir, headless: true, log: (l) => process.stderr.write(`${l}\n`) });
  globalThis.__heliosServices = services;

  // The UI is served from a production build: jest's module sandbox cannot run
  // Vite's dev server (it needs dynamic import()), and the build is what users get.
  execFileSync(path.join(ROOT, 'node_modules/.bin/remix'), ['vite:build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });

  // In a child process: webpack would otherwise keep jest's own process alive.
  const bundlePath = path.join(dataDir, 'workflow-bundle.js');
  execFileSync(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'worker/build-bundle.ts'), bundlePath], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });

  process.env.HELIOS_TEST_TEMPORAL_ADDRESS = services.temporalAddress;
  process.env.HELIOS_TEST_MONGODB_URI = services.mongoUri;
  process.env.HELIOS_TEST_WORKFLOW_BUNDLE = bundlePath;
  process.env.HELIOS_TEST_DATA_DIR = dataDir;
}
