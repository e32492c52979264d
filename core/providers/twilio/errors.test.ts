import { mapTwilioError } from './errors';

const rest = (status: number, code: number) => Object.assign(new Error('x'), { status, code });

test.each([
  [400, 21211, 'InvalidRecipient', false],
  [400, 63003, 'InvalidRecipient', false],
  [401, 20003, 'BadCredentials', false],
  [400, 63016, 'OutsideWindow', false],
  [429, 20429, 'RateLimited', true],
  [503, 20500, 'ProviderUnavailable', true],
  [400, 21617, 'ProviderRejected', false],
])('HTTP %i / Twilio %i → %s (retryable: %s)', (status, code, type, retryable) => {
  const mapped = mapTwilioError(rest(status, code));
  expect(mapped.type).toBe(type);
  expect(mapped.options).toMatchObject({ retryable, definitelyNotSent: true, providerCode: String(code) });
});

test('outside the window reads as the person should hear it', () => {
  expect(mapTwilioError(rest(400, 63016)).message).toMatch(/more than 24 h ago.*template/);
});

test('a refused connection is certainly unsent; a reset may have reached Twilio', () => {
  expect(mapTwilioError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })).options).toMatchObject({
    retryable: true,
    definitelyNotSent: true,
  });
  expect(mapTwilioError(Object.assign(new Error('x'), { code: 'ECONNRESET' })).options.definitelyNotSent).toBe(false);
});
