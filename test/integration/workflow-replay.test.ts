import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

// Histories recorded from the workflow tests (HELIOS_RECORD_HISTORIES=1 npm test):
// today's workflow code must replay every one of them identically.
test('every recorded thread history replays with the current workflow code', () => {
  const run = spawnSync(
    path.join(ROOT, 'node_modules/.bin/tsx'),
    [path.join(ROOT, 'test/replay-histories.ts'), process.env.HELIOS_TEST_WORKFLOW_BUNDLE!],
    { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
  );
  const lastLine = run.stdout.trim().split('\n').at(-1) ?? '{}';
  const result = JSON.parse(lastLine) as { replayed: number; failures: string[] };
  expect(result.failures).toEqual([]);
  expect(result.replayed).toBeGreaterThanOrEqual(20);
});
