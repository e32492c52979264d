import { fillPlaceholders, unknownPlaceholders } from './placeholders';

test('fills every known placeholder, spaces inside the braces allowed', () => {
  expect(
    fillPlaceholders('Hi {{customer.name}} ({{ customer.phone }}), {{agent.name}} of {{number.name}}', {
      'customer.name': 'Marta',
      'customer.phone': '+34••••1234',
      'agent.name': 'Ada',
      'number.name': 'Sales',
    }),
  ).toBe('Hi Marta (+34••••1234), Ada of Sales');
});

test('a value this conversation does not have leaves the placeholder for the person to fill', () => {
  expect(fillPlaceholders('Hi {{customer.name}}!', { 'customer.name': null })).toBe('Hi {{customer.name}}!');
});

test('names each unknown placeholder once, in order', () => {
  expect(unknownPlaceholders('{{customer.email}} {{ order.id }} {{customer.email}} {{agent.name}}')).toEqual([
    '{{customer.email}}',
    '{{order.id}}',
  ]);
  expect(unknownPlaceholders('no placeholders, {single} braces')).toEqual([]);
});
