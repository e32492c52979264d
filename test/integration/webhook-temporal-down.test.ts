import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../../api/app';
import { connectDb, type Db } from '../../core/db';
import { DEMO_NUMBER, DEMO_TWILIO_ACCOUNT_SID, DEMO_TWILIO_AUTH_TOKEN, seedDemo } from '../../dev/seed';
import { inboundParams, postTwilioWebhook } from '../fakes/twilio-webhook';
import { testConfig } from '../helpers/stack';

let db: Db;
let server: http.Server;
let url: string;
let temporal: Client;

beforeAll(async () => {
  const config = testConfig({ MONGODB_DB: `test_temporal_down_${Date.now()}` });
  db = await connectDb(config.MONGODB_URI, config.MONGODB_DB);
  await seedDemo(db, { encryptionKey: config.ENCRYPTION_KEY });
  // Nothing listens on port 1: Temporal cannot accept the signal.
  temporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1', connectTimeout: '1s' }) });
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
  await db?.connection.dropDatabase();
  await db?.connection.close();
});

test('answers 503 when Temporal has not accepted the message, so Twilio retries', async () => {
  const params = inboundParams({
    accountSid: DEMO_TWILIO_ACCOUNT_SID,
    from: 'whatsapp:+447700900123',
    to: DEMO_NUMBER,
    body: 'are you there?',
  });
  const res = await postTwilioWebhook(`${url}/webhooks/twilio/demo`, DEMO_TWILIO_AUTH_TOKEN, params);
  expect(res.status).toBe(503);
  expect((await res.json()).error).toMatch(/conversation service did not accept the message/);
  expect(await db.Message.countDocuments({})).toBe(0);

  const ready = await fetch(`${url}/readyz`);
  expect(ready.status).toBe(503);
  expect(await ready.json()).toEqual({ mongodb: true, temporal: false });
});
