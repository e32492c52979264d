import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { startLocalServices, type LocalServices } from '../../dev/services';
import { WORKFLOWS_PATH } from '../../worker/create-worker';

declare global {
  var __heliosServices: LocalServices | undefined;
}

/**
 * One Temporal dev server and one MongoDB-compatible server for the whole run,
 * and the workflow bundle built once; test files get them through env.
 */
export default async function globalSetup(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'helios-test-'));
  const services = await startLocalServices({ dataDir, headless: true, log: (l) => process.stderr.write(`${l}\n`) });
  globalThis.__heliosServices = services;

  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietLogger });
  const bundlePath = path.join(dataDir, 'workflow-bundle.js');
  writeFileSync(bundlePath, code);

  process.env.HELIOS_TEST_TEMPORAL_ADDRESS = services.temporalAddress;
  process.env.HELIOS_TEST_MONGODB_URI = services.mongoUri;
  process.env.HELIOS_TEST_WORKFLOW_BUNDLE = bundlePath;
  process.env.HELIOS_TEST_DATA_DIR = dataDir;
}

const noop = () => {};
const quietLogger = { trace: noop, debug: noop, info: noop, log: noop, warn: noop, error: console.error };
