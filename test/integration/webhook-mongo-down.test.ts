import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import { createApp } from '../../api/app';
import { connectDb, type Db } from '../../core/db';
import { connectTemporalClient } from '../../core/temporal/client';
import { DEMO_NUMBER, DEMO_TWILIO_ACCOUNT_SID, DEMO_TWILIO_AUTH_TOKEN, seedDemo } from '../../dev/seed';
import { inboundParams, postTwilioWebhook } from '../fakes/twilio-webhook';
import { eventually, testConfig } from '../helpers/stack';

/**
 * The MongoDB-compatible server goes away under a running api (the fault run does it
 * for real: test/faults). Here the api reaches the run's FerretDB through a TCP proxy
 * that the test cuts and restores, so nothing else sharing that server is disturbed.
 */
class CuttableProxy {
  private server = net.createServer((client) => this.pipe(client));
  private sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async up() {
    if (this.server.listening) return;
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Like a stopped server: open connections drop, new ones are refused. */
  async down() {
    const closed = new Promise((resolve) => this.server.close(resolve));
    for (const socket of this.sockets) socket.destroy();
    await closed;
    this.server = net.createServer((client) => this.pipe(client));
  }

  private pipe(client: net.Socket) {
    const upstream = net.connect(this.target.port, this.target.host);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  }
}

let proxy: CuttableProxy;
let db: Db;
let temporal: Client;
let server: http.Server;
let url: string;

beforeAll(async () => {
  const mongo = new URL(process.env.HELIOS_TEST_MONGODB_URI ?? '');
  proxy = new CuttableProxy({ host: mongo.hostname, port: Number(mongo.port) });
  await proxy.up();
  const config = testConfig({
    MONGODB_URI: `mongodb://127.0.0.1:${proxy.port}/`,
    MONGODB_DB: `test_mongo_down_${Date.now()}`,
  });
  db = await connectDb(config.MONGODB_URI, config.MONGODB_DB);
  await seedDemo(db, { encryptionKey: config.ENCRYPTION_KEY });
  temporal = await connectTemporalClient(config.TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE);
  server = http.createServer(createApp({ config, db, temporal }));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  if (server) {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
  await temporal?.connection.close();
  await proxy?.up();
  await db?.connection.dropDatabase();
  await db?.connection.close();
  await proxy?.down();
});

const customerMessage = (body: string) =>
  postTwilioWebhook(
    `${url}/webhooks/twilio/demo`,
    DEMO_TWILIO_AUTH_TOKEN,
    inboundParams({ accountSid: DEMO_TWILIO_ACCOUNT_SID, from: 'whatsapp:+447700900456', to: DEMO_NUMBER, body }),
  );

test('while the database is down, webhooks, the API and /readyz answer 503 (retry later), and 2xx once it is back', async () => {
  await proxy.down();
  const [webhook, login, ready] = await Promise.all([
    customerMessage('is anyone there?'),
    fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ email: 'owner@demo.test', password: 'demo1234' }),
    }),
    fetch(`${url}/readyz`),
  ]);
  expect(webhook.status).toBe(503);
  expect(await webhook.json()).toMatchObject({ code: 'service_unavailable', error: expect.stringMatching(/database/) });
  expect(login.status).toBe(503);
  expect(await login.json()).toMatchObject({ code: 'service_unavailable' });
  expect(ready.status).toBe(503);
  expect(await ready.json()).toEqual({ mongodb: false, temporal: true });

  await proxy.up();
  // The driver finds the server again on its own: no restart of the api.
  await eventually(
    async () => (await customerMessage('hello again')).status === 200,
    'a 200 after the database is back',
  );
  expect((await fetch(`${url}/readyz`)).status).toBe(200);
});
