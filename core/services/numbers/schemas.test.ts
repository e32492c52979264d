import { parseInput } from '../../validation';
import { AppError } from '../../errors';
import { numberInputSchema } from './schemas';

const fieldsOf = (input: unknown, mode: 'create' | 'update' = 'create') => {
  try {
    parseInput(numberInputSchema(mode), input);
    return null;
  } catch (err) {
    return (err as AppError).fields;
  }
};

test('a Twilio number typed by hand is normalised to whatsapp:+E164', () => {
  const parsed = parseInput(numberInputSchema('create'), {
    provider: 'twilio',
    displayName: '  Sales  ',
    address: ' +1 (415) 523-8886 ',
    active: 'on',
    aiAgentId: 'abc',
  });
  expect(parsed).toMatchObject({ address: 'whatsapp:+14155238886', displayName: 'Sales', active: true });
});

test('a Meta number is keyed by its Phone Number ID; a blank business account id is absent', () => {
  const parsed = parseInput(numberInputSchema('create'), {
    provider: 'meta',
    displayName: 'Legacy',
    phoneNumberId: '1065403522',
    businessAccountId: '',
    accessToken: 'EAAG',
  });
  expect(parsed).toMatchObject({ address: 'meta:1065403522', active: false });
  expect(parsed.businessAccountId).toBeUndefined();
});

test('Active needs an AI agent; inactive does not', () => {
  expect(fieldsOf({ provider: 'twilio', displayName: 'A', address: '+14155238886', active: true })).toEqual({
    aiAgentId: 'Choose an AI agent: an active number needs one to answer',
  });
  expect(fieldsOf({ provider: 'twilio', displayName: 'A', address: '+14155238886', active: false })).toBeNull();
});

test('the Access Token is required to connect a Meta number but optional on edit', () => {
  const meta = { provider: 'meta', displayName: 'A', phoneNumberId: '123456' };
  expect(fieldsOf(meta, 'create')).toEqual({ accessToken: 'Enter the Access Token' });
  expect(fieldsOf(meta, 'update')).toBeNull();
});

test.each(['whatsapp:+0123456789', 'whatsapp:+12', 'whatsapp:4155238886x', 'sms:+14155238886'])(
  'an address that is not E.164 gets the form to use (%s)',
  (address) => {
    expect(fieldsOf({ provider: 'twilio', displayName: 'A', address })?.address).toMatch(
      /is not a WhatsApp number: use the form whatsapp:\+1234567890/,
    );
  },
);
