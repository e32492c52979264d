import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';

export const HISTORIES_DIR = path.resolve(__dirname, '../fixtures/histories');
const MAX_PER_SUITE = 8;

/**
 * With HELIOS_RECORD_HISTORIES=1, saves the histories of this suite's thread
 * runs (closed runs included: continued-as-new ones too) as replay fixtures,
 * binary protobuf (`History.encode`): the installed SDK's JSON history decoder
 * trips over two copies of protobufjs, the binary path does not.
 * `workflow-replay.test.ts` replays them all, so a non-deterministic change to
 * the workflow fails the tests. Re-record after a deliberate, patched change.
 */
export async function recordHistories(temporal: Client, taskQueue: string, suite: string): Promise<void> {
  if (process.env.HELIOS_RECORD_HISTORIES !== '1') return;
  mkdirSync(HISTORIES_DIR, { recursive: true });
  let n = 0;
  for await (const wf of temporal.workflow.list({ query: `TaskQueue = '${taskQueue}'` })) {
    if (n >= MAX_PER_SUITE) break;
    const history = await temporal.workflow.getHandle(wf.workflowId, wf.runId).fetchHistory();
    n += 1;
    writeFileSync(
      path.join(HISTORIES_DIR, `${suite}-${String(n).padStart(2, '0')}.binpb`),
      proto.api.history.v1.History.encode(history).finish(),
    );
  }
}
