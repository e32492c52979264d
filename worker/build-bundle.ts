/**
 * Production workers load a prebuilt workflow bundle (no webpack at start-up):
 * `npm run build` writes dist/workflow-bundle.js; point WORKFLOW_BUNDLE_PATH at it.
 * An argument names another output file (the tests use that).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { projectRoot } from '../core/paths';
import { WORKFLOWS_PATH } from './create-worker';

const noop = () => {};
const quietLogger = { trace: noop, debug: noop, info: noop, log: noop, warn: console.warn, error: console.error };

async function main() {
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietLogger });
  const out = process.argv[2] ? path.resolve(process.argv[2]) : path.join(projectRoot(), 'dist/workflow-bundle.js');
  writeFileSync(out, code);
  console.log(`[build] workflow bundle written to ${out}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
