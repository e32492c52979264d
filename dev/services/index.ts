/**
 * The two servers Helios needs, started on this machine for `npm run dev` and
 * the tests: the Temporal CLI dev server (SQLite file, UI, our search
 * attributes) and FerretDB (SQLite backend) as the MongoDB-compatible server.
 * TEMPORAL_ADDRESS / MONGODB_URI in the environment mean "use that server".
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { searchAttributes } from '../../workflows/definitions';
import { defaultLog, ensureFerretDbBinary, ensureTemporalBinary, type Log } from './binaries';

export { ensureFerretDbBinary, ensureTemporalBinary, MissingToolError, cacheDir } from './binaries';

export interface StartOptions {
  /** Where the SQLite files and the servers' logs go. */
  dataDir: string;
  /** Preferred ports; a busy one is replaced by a free one. */
  temporalPort?: number;
  temporalUiPort?: number;
  mongoPort?: number;
  /** No Temporal UI (tests). */
  headless?: boolean;
  /** Temporal dynamic config, e.g. { 'limit.maxIDLength': 1000 }. */
  dynamicConfig?: Record<string, string | number | boolean>;
  log?: Log;
}

export interface LocalServices {
  temporalAddress: string;
  /** Undefined when Temporal is external or headless. */
  temporalUiUrl?: string;
  mongoUri: string;
  /**
   * The servers this process runs (undefined when external), to take one down and
   * bring it back on the same address and data: the fault runs (test/faults) do.
   */
  servers: { temporal?: ServerControl; mongo?: ServerControl };
  stop(): Promise<void>;
}

export interface ServerControl {
  /** Stops the server (SIGTERM, SIGKILL after 10 s); its data stays. */
  stop(): Promise<void>;
  /** Starts it again with the same arguments (port, data file); resolves once it is ready. */
  start(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;

/** DESIGN.md's search attributes, in the CLI's `--search-attribute Name=Type` spelling. */
const CLI_TYPE_NAMES: Record<string, string> = {
  KEYWORD: 'Keyword',
  BOOL: 'Bool',
  TEXT: 'Text',
  INT: 'Int',
  DATETIME: 'Datetime',
  DOUBLE: 'Double',
  KEYWORD_LIST: 'KeywordList',
};
const SEARCH_ATTRIBUTE_TYPES = Object.fromEntries(
  Object.values(searchAttributes).map((key) => [key.name, CLI_TYPE_NAMES[key.type]]),
);

export async function startLocalServices(options: StartOptions): Promise<LocalServices> {
  const log = options.log ?? defaultLog;
  mkdirSync(options.dataDir, { recursive: true });
  const children: ManagedChild[] = [];
  const killAll = () => children.forEach((c) => c.process.kill('SIGKILL'));
  process.once('exit', killAll);

  try {
    const [temporal, mongo] = await Promise.all([
      startTemporal(options, log, children),
      startMongo(options, log, children),
    ]);
    return {
      temporalAddress: temporal.temporalAddress,
      temporalUiUrl: temporal.temporalUiUrl,
      mongoUri: mongo.mongoUri,
      servers: { temporal: temporal.server, mongo: mongo.server },
      async stop() {
        process.removeListener('exit', killAll);
        await Promise.all(children.map(stopChild));
      },
    };
  } catch (error) {
    process.removeListener('exit', killAll);
    await Promise.all(children.map(stopChild));
    throw error;
  }
}

interface ManagedChild {
  name: string;
  process: ChildProcess;
  logFile: string;
}

async function startTemporal(options: StartOptions, log: Log, children: ManagedChild[]) {
  if (process.env.TEMPORAL_ADDRESS) {
    log(`[services] using Temporal at ${process.env.TEMPORAL_ADDRESS} (TEMPORAL_ADDRESS)`);
    return { temporalAddress: process.env.TEMPORAL_ADDRESS, temporalUiUrl: undefined, server: undefined };
  }
  const binary = await ensureTemporalBinary(log);
  const port = await portOrFree(options.temporalPort);
  const uiPort = options.headless ? undefined : await portOrFree(options.temporalUiPort);
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--http-port',
    String(await portOrFree()),
    '--metrics-port',
    String(await portOrFree()),
    '--db-filename',
    path.join(options.dataDir, 'temporal.sqlite'),
    '--log-level',
    'warn',
    ...sqlitePragmas().flatMap((pragma) => ['--sqlite-pragma', pragma]),
    ...Object.entries(SEARCH_ATTRIBUTE_TYPES).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]),
    ...(uiPort ? ['--ui-port', String(uiPort)] : ['--headless']),
    ...Object.entries(options.dynamicConfig ?? {}).flatMap(([k, v]) => [
      '--dynamic-config-value',
      `${k}=${JSON.stringify(v)}`,
    ]),
  ];
  const address = `127.0.0.1:${port}`;
  log(`[services] starting Temporal on ${address}…`);
  const server = await startServer('temporal', binary, args, options.dataDir, children, async () => {
    // A failed gRPC connect leaves retry timers behind: knock on the port first.
    if (!(await isListening(port))) return false;
    const connection = await Connection.connect({ address, connectTimeout: 1000 });
    try {
      // Ready = our search attributes are registered, not merely the port open.
      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
      return Object.keys(SEARCH_ATTRIBUTE_TYPES).every((name) => customAttributes && name in customAttributes);
    } finally {
      await connection.close();
    }
  });
  log(`[services] Temporal ready on ${address}${uiPort ? `, UI on http://127.0.0.1:${uiPort}` : ''}`);
  return { temporalAddress: address, temporalUiUrl: uiPort ? `http://127.0.0.1:${uiPort}` : undefined, server };
}

/**
 * The dev server's SQLite pragmas (ADR 0081): a write-ahead log synced at
 * checkpoints doubles inbound throughput, and what was committed still survives
 * a crash of any process (only a power cut can lose the last moments).
 * HELIOS_TEMPORAL_SQLITE_PRAGMAS (comma-separated `name=value`; empty = the CLI's
 * own defaults) lets the benchmarks compare.
 */
const TEMPORAL_SQLITE_PRAGMAS = ['journal_mode=wal', 'synchronous=normal'];

function sqlitePragmas(): string[] {
  const configured = process.env.HELIOS_TEMPORAL_SQLITE_PRAGMAS;
  if (configured !== undefined) return configured.split(',').filter(Boolean);
  return TEMPORAL_SQLITE_PRAGMAS;
}

async function startMongo(options: StartOptions, log: Log, children: ManagedChild[]) {
  if (process.env.MONGODB_URI) {
    log('[services] using the MongoDB server of MONGODB_URI');
    return { mongoUri: process.env.MONGODB_URI, server: undefined };
  }
  const binary = await ensureFerretDbBinary(log);
  const port = await portOrFree(options.mongoPort);
  const sqliteDir = path.join(options.dataDir, 'ferretdb') + '/';
  mkdirSync(sqliteDir, { recursive: true });
  const args = [
    '--handler=sqlite',
    `--sqlite-url=file:${sqliteDir}`,
    `--listen-addr=127.0.0.1:${port}`,
    `--debug-addr=127.0.0.1:${await portOrFree()}`,
    `--state-dir=${sqliteDir}`,
    '--telemetry=disable',
    '--log-level=warn',
  ];
  const uri = `mongodb://127.0.0.1:${port}/`;
  log(`[services] starting FerretDB (MongoDB wire protocol) on 127.0.0.1:${port}…`);
  const server = await startServer('ferretdb', binary, args, options.dataDir, children, async () => {
    const client = new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS: 1000, directConnection: true });
    try {
      await client.db('admin').command({ ping: 1 });
      return true;
    } finally {
      await client.close();
    }
  });
  log(`[services] FerretDB ready: ${uri}`);
  return { mongoUri: uri, server };
}

/** Spawns the server (output appended to `<name>.log`) and waits until `ready`; `start` does it again after a stop. */
async function startServer(
  name: string,
  binary: string,
  args: string[],
  dataDir: string,
  children: ManagedChild[],
  ready: () => Promise<boolean>,
): Promise<ServerControl> {
  const logFile = path.join(dataDir, `${name}.log`);
  const managed: ManagedChild = { name, process: spawnAppending(binary, args, logFile), logFile };
  children.push(managed);
  await waitUntil(managed, ready);
  return {
    stop: () => stopChild(managed),
    async start() {
      if (managed.process.exitCode === null && managed.process.signalCode === null) return;
      managed.process = spawnAppending(binary, args, logFile);
      await waitUntil(managed, ready);
    },
  };
}

function spawnAppending(binary: string, args: string[], logFile: string): ChildProcess {
  const fd = openSync(logFile, 'a');
  const child = spawn(binary, args, { stdio: ['ignore', fd, fd] });
  closeSync(fd);
  return child;
}

/** Polls `check` until it returns true; fails fast if the server exits, and after READY_TIMEOUT_MS. */
async function waitUntil(child: ManagedChild, check: () => Promise<boolean>) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null || child.process.signalCode !== null) {
      throw new Error(
        `${child.name} exited (${child.process.exitCode ?? child.process.signalCode}) while starting. Last log lines from ${child.logFile}:\n${tail(child.logFile)}`,
      );
    }
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `${child.name} was not ready after ${READY_TIMEOUT_MS / 1000} s. Last log lines from ${child.logFile}:\n${tail(child.logFile)}`,
  );
}

async function stopChild({ process: child }: ManagedChild) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function tail(file: string, lines = 15) {
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/** The preferred port if it is free on 127.0.0.1, else one the OS picks. */
async function portOrFree(preferred?: number): Promise<number> {
  if (preferred && (await canListen(preferred))) return preferred;
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
