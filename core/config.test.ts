import { twilioCallbackBaseUrl, twilioCallbackWarning } from './config';

const devSandbox = {
  NODE_ENV: 'development',
  HOST: '127.0.0.1',
  PORT: 3000,
  PUBLIC_BASE_URL: undefined,
  TWILIO_API_BASE_URL: 'http://127.0.0.1:4010',
} as const;

test('Twilio’s status callbacks go to PUBLIC_BASE_URL, else to the app’s own address when Twilio is a local one outside production', () => {
  expect(twilioCallbackBaseUrl({ ...devSandbox, PUBLIC_BASE_URL: 'https://helios.example.com' })).toBe(
    'https://helios.example.com',
  );
  expect(twilioCallbackBaseUrl(devSandbox)).toBe('http://127.0.0.1:3000');
  expect(twilioCallbackBaseUrl({ ...devSandbox, HOST: '0.0.0.0', PORT: 3005 })).toBe('http://127.0.0.1:3005');
  expect(twilioCallbackBaseUrl({ ...devSandbox, NODE_ENV: 'production' })).toBeUndefined();
  expect(twilioCallbackBaseUrl({ ...devSandbox, PORT: 0 })).toBeUndefined();
  // Real Twilio cannot call a loopback address back.
  expect(twilioCallbackBaseUrl({ ...devSandbox, TWILIO_API_BASE_URL: undefined })).toBeUndefined();
});

test('a Twilio integration without a reachable callback URL is warned about; nothing else is', () => {
  const realTwilio = { ...devSandbox, TWILIO_API_BASE_URL: undefined };
  expect(twilioCallbackWarning({ ...realTwilio, NODE_ENV: 'production' }, true)).toMatch(
    /^PUBLIC_BASE_URL is not set: Twilio cannot report delivery statuses/,
  );
  expect(twilioCallbackWarning(realTwilio, true)).toMatch(/^PUBLIC_BASE_URL is not set/);
  expect(twilioCallbackWarning(realTwilio, false)).toBeUndefined();
  expect(twilioCallbackWarning({ ...realTwilio, PUBLIC_BASE_URL: 'https://h.example' }, true)).toBeUndefined();
  expect(twilioCallbackWarning(devSandbox, true)).toBeUndefined();
  // The port is picked at start (tests): the local Twilio still gets the address the process learns.
  expect(twilioCallbackWarning({ ...devSandbox, PORT: 0 }, true)).toBeUndefined();
  expect(twilioCallbackWarning({ ...devSandbox, NODE_ENV: 'production' }, true)).toMatch(/^PUBLIC_BASE_URL is not set/);
});
