import 'dotenv/config';
import { loadConfig } from '../core/config';
import { connectDb } from '../core/db';
import { getTwilioCallbackWarning } from '../core/services/integrations/get-twilio-callback-warning';
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import { createWorker } from './create-worker';

async function main() {
  const config = loadConfig();
  // The SDK's INFO lines (webpack output, state changes) bury ours; WORKER_LOG_LEVEL=INFO brings them back.
  Runtime.install({ logger: new DefaultLogger((process.env.WORKER_LOG_LEVEL ?? 'WARN') as LogLevel) });
  const db = await connectDb(config.MONGODB_URI, config.MONGODB_DB);
  const callbackWarning = await getTwilioCallbackWarning({ db, config });
  if (callbackWarning) console.warn(`[worker] ${callbackWarning}`);
  const { worker, connection } = await createWorker(
    {
      address: config.TEMPORAL_ADDRESS,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      workflowBundlePath: process.env.WORKFLOW_BUNDLE_PATH,
    },
    { db, config },
  );
  console.log(`[worker] polling task queue "${config.TEMPORAL_TASK_QUEUE}" on ${config.TEMPORAL_ADDRESS}`);
  // Worker.run installs its own SIGINT/SIGTERM handlers and drains before resolving.
  await worker.run();
  await connection.close();
  await db.connection.close();
}

main().catch((err) => {
  console.error('[worker] failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
