/**
 * `npm run bench -- <scenario> [--option value ...]`: starts what the scenario
 * needs, prints a table and writes the figures to bench/results/<scenario>-<time>.json.
 * Benchmarks are not tests: they are not part of `npm test`.
 *
 *   inbound  --mode open|closed|both --rate 100 --concurrency 8 --duration 30 --customers 500 --ai off|on|both [--build]
 *   scale-out --concurrency 16 --duration 15 --customers 500 (one worker, then two)
 *   e2e      --rate 5 --messages 100 (inbound → AI reply handed to the provider fake)
 *   list     --conversations 10000 --messages 1000000 --samples 30 --budget 30
 *
 * `--build` runs `npm run build` first (otherwise only when dist/ is missing);
 * `--profile DIR` runs the api and worker with `node --cpu-prof` into DIR.
 * `--store sqlite|postgresql` picks FerretDB's backend (ADR 0130; default HELIOS_STORE_BACKEND or sqlite).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inbound, scaleOut } from './inbound';
import { list } from './list';
import { e2e } from './e2e';
import { storeBackendOf } from '../dev/services';

const SCENARIOS: Record<string, (args: BenchArgs) => Promise<{ scenario: string; rows: Record<string, unknown>[] }>> = {
  inbound,
  list,
  'scale-out': scaleOut,
  e2e,
};

export interface BenchArgs {
  number(name: string, fallback: number): number;
  string(name: string, fallback: string): string;
  flag(name: string): boolean;
  /** Node flags for the api and worker: `--cpu-prof` into DIR when `--profile DIR` is given. */
  profileArgs(): string[];
}

function parseArgs(argv: string[]): BenchArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    const value = argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : 'true';
    values.set(name, value);
  }
  const number = (name: string, fallback: number) => {
    const value = values.has(name) ? Number(values.get(name)) : fallback;
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
    return value;
  };
  return {
    number,
    string: (name, fallback) => values.get(name) ?? fallback,
    flag: (name) => values.get(name) === 'true',
    profileArgs: () => {
      const dir = values.get('profile');
      return dir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(dir)}`] : [];
    },
  };
}

async function main() {
  const [name, ...rest] = process.argv.slice(2);
  const scenario = SCENARIOS[name];
  if (!scenario) throw new Error(`Usage: npm run bench -- <${Object.keys(SCENARIOS).join('|')}> [options]`);
  const args = parseArgs(rest);
  // The stack reads it where it starts FerretDB; the results record it.
  const storeBackend = storeBackendOf(args.string('store', process.env.HELIOS_STORE_BACKEND ?? 'sqlite'));
  process.env.HELIOS_STORE_BACKEND = storeBackend;
  const started = new Date();
  const result = await scenario(args);
  // Nested figures (CPU seconds per process) as one cell each.
  console.table(
    result.rows.map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([k, v]) => [
          k,
          v && typeof v === 'object'
            ? Object.entries(v)
                .map(([n, x]) => `${n} ${String(x)}`)
                .join(', ')
            : v,
        ]),
      ),
    ),
  );
  const stamp = started.toISOString().slice(0, 16).replace(':', '');
  const file = path.join(
    __dirname,
    'results',
    `${name}-${storeBackend === 'sqlite' ? '' : `${storeBackend}-`}${stamp}.json`,
  );
  mkdirSync(path.dirname(file), { recursive: true });
  const machine = `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}`;
  writeFileSync(
    file,
    JSON.stringify({ date: started.toISOString(), machine, storeBackend, ...result }, null, 2) + '\n',
  );
  console.log(`[bench] written to ${path.relative(process.cwd(), file)}`);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error('[bench] failed:', error);
    process.exit(1);
  },
);
