import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Config } from '../../core/config';

const ROOT = path.resolve(__dirname, '../..');

interface ChildOutput {
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Null while it runs; else how it ended (`code 1`, `SIGKILL`). */
  exited(): string | null;
}

export interface ApiProcess extends ChildOutput {
  url: string;
  stop(): Promise<void>;
}

export interface WorkerProcess extends ChildOutput {
  /** Ends the process the hard way (a crash, an OOM kill): no drain, no goodbye to Temporal. */
  kill(): Promise<void>;
}

/**
 * Another api process on the same database and Temporal (as in production, where
 * several run behind a load balancer): `api/main.ts`, serving the built UI.
 */
export async function startApiProcess(config: Config, extraEnv: Record<string, string> = {}): Promise<ApiProcess> {
  const { child, match, output } = await startTsProcess('api/main.ts', /\[api\] listening on (http:\/\/\S+)/, {
    ...sharedEnv(config),
    WEB_MODE: 'build',
    HOST: '127.0.0.1',
    PORT: '0',
    ...extraEnv,
  });
  return {
    url: match[1],
    stop: () => endProcess(child, 'SIGTERM'),
    output,
    exited: () => exitOf(child),
  };
}

/** A worker in its own process (`worker/main.ts`) on the stack's task queue, using the run's prebuilt workflow bundle. */
export async function startWorkerProcess(
  config: Config,
  extraEnv: Record<string, string> = {},
): Promise<WorkerProcess> {
  const { child, output } = await startTsProcess('worker/main.ts', /\[worker\] polling task queue/, {
    ...sharedEnv(config),
    WORKFLOW_BUNDLE_PATH: process.env.HELIOS_TEST_WORKFLOW_BUNDLE ?? '',
    ...extraEnv,
  });
  return { kill: () => endProcess(child, 'SIGKILL'), output, exited: () => exitOf(child) };
}

function sharedEnv(config: Config): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    MONGODB_URI: config.MONGODB_URI,
    MONGODB_DB: config.MONGODB_DB,
    TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS,
    TEMPORAL_TASK_QUEUE: config.TEMPORAL_TASK_QUEUE,
    ENCRYPTION_KEY: config.ENCRYPTION_KEY,
    THREAD_KEY_SECRET: config.THREAD_KEY_SECRET,
    SESSION_SECRET: config.SESSION_SECRET,
  };
}

/** Runs `<entry>` (TypeScript) in its own process and waits (30 s at most) for the line that says it is ready. */
async function startTsProcess(
  entry: string,
  ready: RegExp,
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; match: RegExpMatchArray; output: () => string }> {
  // `node --import tsx`, not the tsx CLI: the CLI runs the program in a child process, which a SIGKILL would miss.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, entry)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let started = false;
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not start in 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (started) return;
      const found = output.match(ready);
      if (found) {
        started = true;
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited (${code}):\n${output}`));
    });
  });
  return { child, match, output: () => output };
}

function exitOf(child: ChildProcess): string | null {
  if (child.signalCode !== null) return child.signalCode;
  return child.exitCode === null ? null : `code ${child.exitCode}`;
}

function endProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
