import twilio from 'twilio';
import { DEMO_NUMBER, DEMO_TWILIO_ACCOUNT_SID } from './seed';

/** A ready-to-paste curl posting a signed inbound WhatsApp message to the demo tenant. */
export function signedCurlExample(appUrl: string, authToken: string, accountSid = DEMO_TWILIO_ACCOUNT_SID): string {
  const url = `${appUrl}/webhooks/twilio/demo`;
  const sid = `SM${Date.now().toString(16).padStart(32, '0')}`;
  const params: Record<string, string> = {
    MessageSid: sid,
    AccountSid: accountSid,
    From: 'whatsapp:+34600112233',
    To: DEMO_NUMBER,
    Body: 'Hola! Do you ship to Madrid?',
    NumMedia: '0',
    ProfileName: 'Lucía',
    WaId: '34600112233',
  };
  const signature = twilio.getExpectedTwilioSignature(authToken, url, params);
  const fields = Object.entries(params).map(([k, v]) => `  --data-urlencode '${k}=${v}'`);
  return [`curl -i -X POST '${url}'`, `  -H 'X-Twilio-Signature: ${signature}'`, ...fields].join(' \\\n');
}
