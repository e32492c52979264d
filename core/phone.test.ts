import { InvalidPhoneNumberError, maskPhone, toWhatsAppAddress } from './phone';

describe('toWhatsAppAddress', () => {
  test.each([
    ['whatsapp:+14155238886', 'whatsapp:+14155238886'],
    ['+14155238886', 'whatsapp:+14155238886'],
    ['14155238886', 'whatsapp:+14155238886'],
    [' WhatsApp:+1 (415) 523-8886 ', 'whatsapp:+14155238886'],
    ['+34 600 11 22 33', 'whatsapp:+34600112233'],
  ])('normalises %j', (input, expected) => {
    expect(toWhatsAppAddress(input)).toBe(expected);
  });

  test.each([
    '',
    'whatsapp:',
    'whatsapp:+0123456789',
    '+12',
    'hello',
    'whatsapp:+1415523888612345',
    'sms:+14155238886x',
  ])('rejects %j with a message saying the expected form', (input) => {
    expect(() => toWhatsAppAddress(input)).toThrow(InvalidPhoneNumberError);
    expect(() => toWhatsAppAddress(input)).toThrow(/whatsapp:\+1234567890/);
  });
});

test('maskPhone keeps the country code and the last four digits only', () => {
  expect(maskPhone('whatsapp:+14155238886')).toBe('+14••••8886');
  expect(maskPhone('whatsapp:+34600112233')).toBe('+34••••2233');
});
