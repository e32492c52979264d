import twilio from 'twilio';
import { isTwilioStatusCallback, isValidTwilioSignature, parseTwilioInbound } from './webhook';

const token = 'auth-token-of-the-account';
const url = 'https://inbox.example.com/webhooks/twilio/demo';
const params = {
  MessageSid: 'SM0123456789abcdef0123456789abcdef',
  AccountSid: 'AC00000000000000000000000000000001',
  From: 'whatsapp:+34600112233',
  To: 'whatsapp:+14155238886',
  Body: 'Hola',
  NumMedia: '1',
  MediaUrl0: 'https://api.twilio.com/media/ME1',
  MediaContentType0: 'image/jpeg',
  ProfileName: 'Lucía',
  SomethingTwilioAddsLater: 'x',
};

describe('isValidTwilioSignature', () => {
  const signature = twilio.getExpectedTwilioSignature(token, url, params);

  test('accepts what Twilio signs', () => {
    expect(isValidTwilioSignature(token, signature, url, params)).toBe(true);
  });
  test('rejects another token, another URL, a changed parameter, or no signature', () => {
    expect(isValidTwilioSignature('other-token', signature, url, params)).toBe(false);
    expect(isValidTwilioSignature(token, signature, 'http://127.0.0.1:3000/webhooks/twilio/demo', params)).toBe(false);
    expect(isValidTwilioSignature(token, signature, url, { ...params, Body: 'Hola!' })).toBe(false);
    expect(isValidTwilioSignature(token, undefined, url, params)).toBe(false);
  });
});

test('parseTwilioInbound maps Twilio parameters, media included, and ignores unknown ones', () => {
  expect(parseTwilioInbound(params)).toEqual({
    accountSid: 'AC00000000000000000000000000000001',
    to: 'whatsapp:+14155238886',
    message: {
      provider: 'twilio',
      providerMessageId: 'SM0123456789abcdef0123456789abcdef',
      from: 'whatsapp:+34600112233',
      profileName: 'Lucía',
      text: 'Hola',
      media: [{ url: 'https://api.twilio.com/media/ME1', contentType: 'image/jpeg' }],
    },
  });
});

test('parseTwilioInbound refuses a message without MessageSid', () => {
  const { MessageSid: _omit, ...rest } = params;
  expect(() => parseTwilioInbound(rest)).toThrow(/MessageSid/);
});

test('status callbacks are told apart from messages', () => {
  expect(isTwilioStatusCallback({ MessageSid: 'SM1', MessageStatus: 'delivered' })).toBe(true);
  expect(isTwilioStatusCallback(params)).toBe(false);
});
