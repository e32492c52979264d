import { mapMetaError } from './send';

test.each([
  [400, 131047, 'OutsideWindow', false],
  [400, 131026, 'InvalidRecipient', false],
  [401, 190, 'BadCredentials', false],
  [429, 130429, 'RateLimited', true],
  [500, 1, 'ProviderUnavailable', true],
  [400, 132000, 'ProviderRejected', false],
])('HTTP %i / Meta %i → %s', (status, code, type, retryable) => {
  const mapped = mapMetaError(status, { code, message: 'm' });
  expect(mapped.type).toBe(type);
  expect(mapped.options.retryable).toBe(retryable);
});
