import { DEMO_TWILIO_ACCOUNT_SID, DEMO_TWILIO_AUTH_TOKEN } from '../../dev/seed';
import { FakeTwilio } from '../fakes/twilio-api';
import { startTestStack, type TestStack } from './stack';

/** A test stack whose Twilio is a fake that knows the demo account and its number (so Twilio checks pass). */
export async function startDemoTwilioStack(name: string): Promise<{ stack: TestStack; stop: () => Promise<void> }> {
  const fake = await FakeTwilio.start([
    { sid: DEMO_TWILIO_ACCOUNT_SID, authToken: DEMO_TWILIO_AUTH_TOKEN, incomingNumbers: ['+14155238886'] },
  ]);
  const stack = await startTestStack(name, { env: { TWILIO_API_BASE_URL: fake.url } }).catch(async (error) => {
    await fake.stop();
    throw error;
  });
  return {
    stack,
    stop: async () => {
      await stack.stop();
      await fake.stop();
    },
  };
}
