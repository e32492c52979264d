import { FakeTwilio } from '../test/fakes/twilio-api';
import { DEMO_NUMBER, DEMO_TWILIO_ACCOUNT_SID, DEMO_TWILIO_AUTH_TOKEN } from './seed';

/**
 * Without real Twilio credentials, `npm run dev` points the twilio SDK at the
 * local fake (the sandbox of DESIGN.md): connecting Twilio with the demo
 * credentials works offline, and Connect New Number lists a few numbers.
 */
export async function startSandboxTwilio(): Promise<FakeTwilio> {
  return FakeTwilio.start([
    {
      sid: DEMO_TWILIO_ACCOUNT_SID,
      authToken: DEMO_TWILIO_AUTH_TOKEN,
      friendlyName: 'Helios sandbox',
      incomingNumbers: [DEMO_NUMBER.replace('whatsapp:', ''), '+14155550101', '+14155550102'],
      whatsappSenders: [DEMO_NUMBER, 'whatsapp:+14155550101', 'whatsapp:+14155550103'],
    },
  ]);
}
