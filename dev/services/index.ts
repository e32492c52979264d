/**
 * The two servers Helios needs, started on this machine for `npm run dev` and
 * the tests: the Temporal CLI dev server (SQLite file, UI, our search
 * attributes) and FerretDB as the MongoDB-compatible server, on SQLite by default
 * or on a private PostgreSQL cluster (HELIOS_STORE_BACKEND=postgresql, ADR 0130).
 * TEMPORAL_ADDRESS / MONGODB_URI in the environment mean "use that server".
 */
import { execFile, execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { chmodSync, chownSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { searchAttributes } from '../../workflows/definitions';
import type { Db } from '../../core/db';
import { addPushdownIndexes } from './postgres-indexes';
import { defaultLog, ensureFerretDbBinary, ensurePostgresBinaries, ensureTemporalBinary, type Log } from './binaries';

export {
  ensureFerretDbBinary,
  ensurePostgresBinaries,
  ensureTemporalBinary,
  MissingToolError,
  cacheDir,
} from './binaries';

export interface StartOptions {
  /** Where the SQLite files and the servers' logs go. */
  dataDir: string;
  /** Preferred ports; a busy one is replaced by a free one. */
  temporalPort?: number;
  temporalUiPort?: number;
  mongoPort?: number;
  postgresPort?: number;
  /** No Temporal UI (tests). */
  headless?: boolean;
  /** FerretDB's backend; default HELIOS_STORE_BACKEND or `sqlite`. */
  storeBackend?: StoreBackend;
  /** Temporal dynamic config, e.g. { 'limit.maxIDLength': 1000 }. */
  dynamicConfig?: Record<string, string | number | boolean>;
  log?: Log;
}

export type StoreBackend = 'sqlite' | 'postgresql';

export function storeBackendOf(value: string | undefined): StoreBackend {
  if (value === undefined || value === '' || value === 'sqlite') return 'sqlite';
  if (value === 'postgresql') return 'postgresql';
  throw new Error(`HELIOS_STORE_BACKEND must be sqlite or postgresql, not "${value}"`);
}

export interface LocalServices {
  temporalAddress: string;
  /** Undefined when Temporal is external or headless. */
  temporalUiUrl?: string;
  mongoUri: string;
  storeBackend: StoreBackend;
  /**
   * With the PostgreSQL backend: adds the GIN indexes FerretDB's pushdown can use
   * (dev/services/postgres-indexes.ts, ADR 0130) for the collections of `db` that exist
   * now; a no-op on SQLite. Returns `collection.field` of each index it made sure of.
   */
  addStoreIndexes(db: Db): Promise<string[]>;
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
      storeBackend: mongo.storeBackend,
      addStoreIndexes: (db) =>
        mongo.postgres
          ? addPushdownIndexes({ ...mongo.postgres, database: db.connection.db!.databaseName, db })
          : Promise.resolve([]),
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
  const storeBackend = options.storeBackend ?? storeBackendOf(process.env.HELIOS_STORE_BACKEND);
  if (process.env.MONGODB_URI) {
    log('[services] using the MongoDB server of MONGODB_URI');
    return { mongoUri: process.env.MONGODB_URI, storeBackend, server: undefined, postgres: undefined };
  }
  const binary = await ensureFerretDbBinary(log);
  const port = await portOrFree(options.mongoPort);
  const stateDir = path.join(options.dataDir, 'ferretdb') + '/';
  mkdirSync(stateDir, { recursive: true });
  const postgres = storeBackend === 'postgresql' ? await startPostgres(options, log, children) : undefined;
  const backendArgs = postgres
    ? ['--handler=postgresql', `--postgresql-url=${postgres.postgresUrl}`]
    : ['--handler=sqlite', `--sqlite-url=file:${stateDir}`];
  const args = [
    ...backendArgs,
    `--listen-addr=127.0.0.1:${port}`,
    `--debug-addr=127.0.0.1:${await portOrFree()}`,
    `--state-dir=${stateDir}`,
    '--telemetry=disable',
    '--log-level=warn',
  ];
  const uri = `mongodb://127.0.0.1:${port}/`;
  log(`[services] starting FerretDB (MongoDB wire protocol, ${storeBackend}) on 127.0.0.1:${port}…`);
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
  return { mongoUri: uri, storeBackend, server, postgres };
}

/**
 * A private PostgreSQL cluster in `<dataDir>/postgres` for FerretDB (ADR 0130): Debian's
 * server, trust authentication on 127.0.0.1 only, its socket in the data directory, default
 * durability (every commit synced). initdb and postgres refuse to run as root, so as root
 * they run as Debian's `postgres` user. Returns the connection URL and the programs' directory.
 */
async function startPostgres(options: StartOptions, log: Log, children: ManagedChild[]) {
  const bin = await ensurePostgresBinaries(log);
  const pgData = path.join(options.dataDir, 'postgres');
  const user = process.getuid?.() === 0 ? postgresUser() : undefined;
  if (!existsSync(path.join(pgData, 'PG_VERSION'))) {
    mkdirSync(pgData, { recursive: true });
    if (user) {
      // The cluster's owner must reach its directory (mkdtemp makes the data dir 0700).
      if ((statSync(options.dataDir).mode & 0o001) === 0) chmodSync(options.dataDir, 0o711);
      chownSync(pgData, user.uid, user.gid);
    }
    log(`[services] initdb ${pgData}…`);
    execFileSync(
      path.join(bin, 'initdb'),
      ['-D', pgData, '--auth=trust', '--username=helios', '--encoding=UTF8', '--no-instructions'],
      { stdio: 'ignore', ...user },
    );
  }
  const port = await portOrFree(options.postgresPort);
  const args = [
    '-D',
    pgData,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=${pgData}`,
  ];
  log(`[services] starting PostgreSQL on 127.0.0.1:${port}…`);
  await startServer(
    'postgres',
    path.join(bin, 'postgres'),
    args,
    options.dataDir,
    children,
    () =>
      new Promise((resolve) =>
        execFile(path.join(bin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port)], (error) =>
          resolve(!error),
        ),
      ),
    user,
  );
  return { postgresUrl: `postgres://helios@127.0.0.1:${port}/postgres`, postgresBin: bin };
}

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error("Running as root: PostgreSQL needs the `postgres` user (Debian's postgresql package creates it)");
  }
}

/** Spawns the server (output appended to `<name>.log`) and waits until `ready`; `start` does it again after a stop. */
async function startServer(
  name: string,
  binary: string,
  args: string[],
  dataDir: string,
  children: ManagedChild[],
  ready: () => Promise<boolean>,
  user?: Pick<SpawnOptions, 'uid' | 'gid'>,
): Promise<ServerControl> {
  const logFile = path.join(dataDir, `${name}.log`);
  const managed: ManagedChild = { name, process: spawnAppending(binary, args, logFile, user), logFile };
  children.push(managed);
  await waitUntil(managed, ready);
  return {
    stop: () => stopChild(managed),
    async start() {
      if (managed.process.exitCode === null && managed.process.signalCode === null) return;
      managed.process = spawnAppending(binary, args, logFile, user);
      await waitUntil(managed, ready);
    },
  };
}

function spawnAppending(binary: string, args: string[], logFile: string, user?: Pick<SpawnOptions, 'uid' | 'gid'>) {
  const fd = openSync(logFile, 'a');
  const child = spawn(binary, args, { stdio: ['ignore', fd, fd], ...user });
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
