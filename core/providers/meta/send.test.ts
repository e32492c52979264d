import { mapMetaError } from './send';
import { fillPlaceholders, placeholdersOf } from '../messaging';

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

test('template placeholders are listed once each, in order of appearance', () => {
  expect(placeholdersOf('Hi {{1}}, order {{2}} for {{1}} on {{ 3 }}')).toEqual(['1', '2', '3']);
  expect(placeholdersOf('Hola {{name}}')).toEqual(['name']);
  expect(placeholdersOf('No variables')).toEqual([]);
  expect(fillPlaceholders('Hi {{1}}, order {{2}}', { '1': 'Marta' })).toBe('Hi Marta, order {{2}}');
});
