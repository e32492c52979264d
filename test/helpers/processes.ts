import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Config } from '../../core/config';

const ROOT = path.resolve(__dirname, '../..');

export interface ApiProcess {
  url: string;
  stop(): Promise<void>;
}

/**
 * Another api process on the same database and Temporal (as in production, where
 * several run behind a load balancer): `api/main.ts`, serving the built UI.
 */
export async function startApiProcess(config: Config, extraEnv: Record<string, string> = {}): Promise<ApiProcess> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    WEB_MODE: 'build',
    HOST: '127.0.0.1',
    PORT: '0',
    MONGODB_URI: config.MONGODB_URI,
    MONGODB_DB: config.MONGODB_DB,
    TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS,
    TEMPORAL_TASK_QUEUE: config.TEMPORAL_TASK_QUEUE,
    ENCRYPTION_KEY: config.ENCRYPTION_KEY,
    THREAD_KEY_SECRET: config.THREAD_KEY_SECRET,
    SESSION_SECRET: config.SESSION_SECRET,
    ...extraEnv,
  };
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'api/main.ts')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`api process did not start in 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/\[api\] listening on (http:\/\/\S+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`api process exited (${code}):\n${output}`));
    });
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
