import { twilioApiUrl } from './client';

const MEDIA = 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1';

test('a Twilio URL is served by Twilio, or by TWILIO_API_BASE_URL when set', () => {
  expect(twilioApiUrl(MEDIA)).toBe(MEDIA);
  expect(twilioApiUrl(MEDIA, 'http://127.0.0.1:4010/')).toBe(
    'http://127.0.0.1:4010/api/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1',
  );
  expect(twilioApiUrl('https://content.twilio.com/v1/Content', 'http://fake')).toBe('http://fake/content/v1/Content');
});

test('anything else is not Twilio: credentials must never be sent there', () => {
  for (const url of [
    'https://api.twilio.com.attacker.example/2010-04-01/x',
    'http://api.twilio.com/2010-04-01/x',
    'https://media.example.com/photo.jpg',
    'https://twilio.com.example/x',
    'meta-media:123',
  ]) {
    expect(twilioApiUrl(url, 'http://fake')).toBeUndefined();
  }
});
