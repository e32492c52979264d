/**
 * The rooms' import rules (ARCHITECTURE.md) are eslint rules (eslint.config.mjs):
 * this proves each one fires, so a changed pattern cannot silently stop enforcing it.
 * ESLint loads its config as an ES module, which Jest's sandbox cannot: the samples
 * are linted by one child process.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const LINT_SAMPLES = `
  import { ESLint } from 'eslint';
  const samples = JSON.parse(process.env.SAMPLES);
  const eslint = new ESLint({ cwd: process.cwd() });
  const out = [];
  for (const [filePath, code] of samples) {
    const [result] = await eslint.lintText(code, { filePath });
    out.push(result.messages.map((m) => m.message).join('\\n'));
  }
  console.log(JSON.stringify(out));
`;

function problemsIn(samples: [file: string, code: string][]): string[] {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', LINT_SAMPLES], {
    cwd: ROOT,
    env: { ...process.env, SAMPLES: JSON.stringify(samples) },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`eslint did not run: ${run.stderr}`);
  return JSON.parse(run.stdout) as string[];
}

const refused: [file: string, code: string, rule: RegExp][] = [
  ['web/app/routes/x.tsx', "import { asyncRoute } from '../../../api/http-errors';", /web\/ never imports api\//],
  ['api/routes/x.ts', "import { runIntent } from '../../web/app/utils/action.server';", /api\/ never imports web\//],
  ['web/app/routes/x.tsx', "import mongoose from 'mongoose';", /Query through a core\/services function/],
  ['api/routes/x.ts', "import { createDb } from '../../core/db';", /Query through a core\/services function/],
  ['api/routes/x.ts', 'export const f = (deps: any) => deps.db.Message.find({});', /Query through a core\/services/],
  ['web/app/routes/x.tsx', 'export const f = ({ db }: any) => db.Conversation.find({});', /Query through/],
  ['activities/x.ts', 'export const f = ({ db }: any) => db.Message.updateOne({}, {});', /Query through/],
  ['core/services/x.ts', "import { errorHandler } from '../../api/http-errors';", /core\/ never imports api\//],
  ['core/x.ts', "import { createActivities } from '../activities';", /core\/ never imports/],
];
const allowed: [file: string, code: string][] = [
  ['web/app/routes/x.tsx', "export { logIn } from '../../../core/services/auth/log-in';"],
  ['core/services/x.ts', "export { tenantFilter } from './tenant-scope';"],
  ['api/routes/x.ts', "export type { Db } from '../../core/db';"],
  [
    'activities/x.ts',
    "import type { Db } from '../core/db';\nexport const f = ({ db }: { db: Db }) => db.connection.readyState;",
  ],
];

test('each room rule refuses its sample, and what the rooms may import passes', () => {
  const problems = problemsIn([...refused.map(([file, code]) => [file, code] as [string, string]), ...allowed]);
  refused.forEach(([file, code, rule], i) => expect(`${file}: ${code} → ${problems[i]}`).toMatch(rule));
  expect(problems.slice(refused.length)).toEqual(allowed.map(() => ''));
});
