import { createTwilioClient } from '../../core/providers/twilio/client';
import { FakeTwilio } from '../fakes/twilio-api';

const SID = 'AC' + 'a'.repeat(32);
let fake: FakeTwilio;

beforeAll(async () => {
  fake = await FakeTwilio.start([
    { sid: SID, authToken: 'tok', incomingNumbers: ['+15550001111'], whatsappSenders: ['whatsapp:+15550002222'] },
  ]);
});
afterAll(() => fake.stop());

test('the real twilio SDK reads accounts, numbers and WhatsApp senders from the fake', async () => {
  const client = createTwilioClient(SID, 'tok', fake.url);
  expect((await client.api.v2010.accounts(SID).fetch()).status).toBe('active');
  expect((await client.incomingPhoneNumbers.list()).map((n) => n.phoneNumber)).toEqual(['+15550001111']);
  expect((await client.messaging.v2.channelsSenders.list({ channel: 'whatsapp' })).map((s) => s.senderId)).toEqual([
    'whatsapp:+15550002222',
  ]);
});

test('bad credentials fail like Twilio: RestException 20003 / 401', async () => {
  const client = createTwilioClient(SID, 'wrong', fake.url);
  await expect(client.api.v2010.accounts(SID).fetch()).rejects.toMatchObject({ status: 401, code: 20003 });
});

test('message create records the send and returns its sid; injected errors come back as RestException', async () => {
  const client = createTwilioClient(SID, 'tok', fake.url);
  const sent = await client.messages.create({
    from: 'whatsapp:+15550002222',
    to: 'whatsapp:+34600000001',
    body: 'hola',
  });
  expect(sent.sid).toMatch(/^SM/);
  expect(fake.messages.at(-1)).toMatchObject({ sid: sent.sid, body: 'hola', status: 'queued' });

  fake.errorsByRecipient.set('whatsapp:+34600000002', {
    status: 400,
    code: 63016,
    message: 'Outside the allowed window',
  });
  await expect(
    client.messages.create({ from: 'whatsapp:+15550002222', to: 'whatsapp:+34600000002', body: 'late' }),
  ).rejects.toMatchObject({ code: 63016 });
});
