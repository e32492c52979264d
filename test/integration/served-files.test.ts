/**
 * The app's origin serves the UI and nothing else of the checkout: not the dev
 * data directory (secrets, databases), not server source, not `.env` — in dev
 * (Vite compiling on request) and in production (the build). Issue 13, item 1.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { connectDb, type Db } from '../../core/db';
import { FakeTwilio } from '../fakes/twilio-api';
import { startSimulator, type Simulator } from '../../dev/sandbox/simulator';
import { startApiProcess, type ApiProcess } from '../helpers/processes';
import { testConfig } from '../helpers/stack';
import { launchBrowser, signIn } from '../helpers/browser';
import { seedDemo } from '../../dev/seed';

const ROOT = path.resolve(__dirname, '../..');
// A stand-in for .data/dev (which a checkout running `npm run dev` has): same shape, a secret marker inside.
const PROBE = `probe-${randomBytes(4).toString('hex')}`;
const PROBE_DIR = path.join(ROOT, '.data', PROBE);
const MARKER = `helios-secret-marker-${randomBytes(8).toString('hex')}`;

const config = testConfig({ MONGODB_DB: `test_served_files_${randomBytes(4).toString('hex')}` });
let vite: ApiProcess;
let build: ApiProcess;
let db: Db;
let twilio: FakeTwilio;
let simulator: Simulator;

beforeAll(async () => {
  mkdirSync(path.join(PROBE_DIR, 'ferretdb'), { recursive: true });
  writeFileSync(path.join(PROBE_DIR, 'secrets.json'), JSON.stringify({ SESSION_SECRET: MARKER }));
  writeFileSync(path.join(PROBE_DIR, 'ferretdb/helios.sqlite'), MARKER);
  writeFileSync(path.join(PROBE_DIR, 'temporal.sqlite'), MARKER);
  db = await connectDb(config.MONGODB_URI, config.MONGODB_DB);
  await seedDemo(db, { encryptionKey: config.ENCRYPTION_KEY });
  [vite, build] = await Promise.all([
    // As in `npm run dev`: with Vite's HMR websocket on the same server.
    startApiProcess(config, { WEB_MODE: 'vite', NODE_ENV: 'development' }),
    startApiProcess(config, { WEB_MODE: 'build' }),
  ]);
  twilio = await FakeTwilio.start();
  simulator = await startSimulator({ appUrl: build.url, db, encryptionKey: config.ENCRYPTION_KEY, twilio });
}, 120_000);

afterAll(async () => {
  await Promise.all([vite?.stop(), build?.stop(), simulator?.stop(), twilio?.stop()]);
  await db?.connection.dropDatabase();
  await db?.connection.close();
  rmSync(PROBE_DIR, { recursive: true, force: true });
});

/** The project's own files, as an attacker would ask for them. */
function forbiddenPaths(): string[] {
  const data = `.data/${PROBE}`;
  const files = [
    `${data}/secrets.json`,
    `${data}/ferretdb/helios.sqlite`,
    `${data}/temporal.sqlite`,
    'dev/seed.ts',
    'dev/dev-secrets.ts',
    'core/config.ts',
    'api/main.ts',
    'web/app/utils/session.server.ts',
    '.env',
    '.env.example',
    'package.json',
    'vite.config.mts',
    'README.md',
    '.git/config',
  ];
  const paths: string[] = [];
  for (const file of files) {
    for (const query of ['', '?raw', '?import', '?url', '?inline', '?raw??', '?import&raw'])
      paths.push(`/${file}${query}`);
    paths.push(`/@fs${ROOT}/${file}`, `/@fs${ROOT}/${file}?raw`, `/@fs${ROOT}/${file}?import&raw`);
    paths.push(`/@id/${file}?raw`, `/@id${ROOT}/${file}?raw`);
    paths.push(`/web/app/../../${file}`, `/node_modules/../${file}?raw`, `/node_modules/.vite/../../${file}`);
    paths.push(`/web/app/%2e%2e/%2e%2e/${file}`, `/@fs${ROOT}/web/app/../../${file}?raw`);
    paths.push(`/${encodeURIComponent(file)}`, `/${file.replace(/\./g, '%2e').replace(/\//g, '%2f')}?raw`);
  }
  paths.push(
    `/.data/${PROBE}/`,
    '/.data/',
    '/@fs/etc/passwd',
    '/@fs/etc/passwd?raw',
    '/@fs/',
    '/__open-in-editor?file=package.json',
  );
  return paths;
}

/** A raw GET: fetch() would normalise `..` and `%2e%2e` before sending, an attacker's client does not. */
function rawGet(base: string, rawPath: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.get({ hostname, port, path: rawPath }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}

async function servedFiles(base: string): Promise<string[]> {
  const served: string[] = [];
  for (const probe of forbiddenPaths()) {
    const { status, body } = await rawGet(base, probe);
    // Any leak shows as a non-404, or as the marker / a source line in the body.
    const leaked =
      status !== 404 || body.includes(MARKER) || body.includes('SESSION_SECRET') || body.includes('loadConfig');
    if (leaked) served.push(`${probe} -> ${status} ${body.slice(0, 80).replace(/\s+/g, ' ')}`);
  }
  return served;
}

test('in dev (Vite mode) every project file, data file and variant answers 404', async () => {
  expect(await servedFiles(vite.url)).toEqual([]);
});

test('in dev the UI still loads and hydrates: every module the browser asks for is served', async () => {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on('response', (res) => {
      if (res.status() >= 400) failed.push(`${res.status()} ${res.url()}`);
    });
    await signIn(page, vite.url, 'owner@demo.test');
    // entry.client sets the router once React has hydrated: the client modules all loaded and ran.
    await page.waitForFunction(() => '__remixRouter' in window);
    expect(failed).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('in production (build mode) every project file, data file and variant answers 404', async () => {
  expect(await servedFiles(build.url)).toEqual([]);
});

test('the simulator port serves its page and none of the project files', async () => {
  expect((await rawGet(simulator.url, '/')).status).toBe(200);
  expect(await servedFiles(simulator.url)).toEqual([]);
});
