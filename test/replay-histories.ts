/**
 * Replays the recorded thread histories (test/fixtures/histories) against a
 * workflow bundle: `tsx test/replay-histories.ts <bundle.js>`. Exits non-zero
 * naming each history the current workflow code no longer replays. Run in its
 * own process: webpack and the replay worker stay out of jest's module sandbox.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal as proto } from '@temporalio/proto';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';

const DIR = path.resolve(__dirname, 'fixtures/histories');

async function main() {
  const bundle = process.argv[2];
  if (!bundle) throw new Error('usage: replay-histories <workflow-bundle.js>');
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const files = readdirSync(DIR).filter((f) => f.endsWith('.binpb'));
  const failures: string[] = [];
  for (const file of files) {
    const history = proto.api.history.v1.History.decode(readFileSync(path.join(DIR, file)));
    try {
      await Worker.runReplayHistory({ workflowBundle: { codePath: bundle } }, history, file);
    } catch (err) {
      failures.push(`${file}: ${(err as Error).message}`);
    }
  }
  console.log(JSON.stringify({ replayed: files.length, failures }));
  if (failures.length) process.exit(1);
}

main().catch((err) => {
  console.log(JSON.stringify({ replayed: 0, failures: [String(err)] }));
  process.exit(1);
});
