import twilio from 'twilio';

/**
 * Sends a webhook the way Twilio does: form-encoded, signed with the account's
 * auth token over the exact URL (X-Twilio-Signature).
 */
export async function postTwilioWebhook(
  url: string,
  authToken: string,
  params: Record<string, string>,
  options: { signature?: string; signedUrl?: string; signal?: AbortSignal } = {},
): Promise<Response> {
  const signature = options.signature ?? twilio.getExpectedTwilioSignature(authToken, options.signedUrl ?? url, params);
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params).toString(),
    signal: options.signal,
  });
}

let sidCounter = 0;
/** A MessageSid shaped like Twilio's (SM + 32 hex). */
export function fakeMessageSid(): string {
  sidCounter += 1;
  const hex = (
    Date.now().toString(16) +
    sidCounter.toString(16).padStart(6, '0') +
    Math.random().toString(16).slice(2)
  ).padEnd(32, '0');
  return `SM${hex.slice(0, 32)}`;
}

export function inboundParams(input: {
  accountSid: string;
  from: string;
  to: string;
  body: string;
  messageSid?: string;
  profileName?: string;
  /** More parameters, as Twilio adds them for some messages (Latitude, OriginalRepliedMessageSid…). */
  extra?: Record<string, string>;
}): Record<string, string> {
  const waId = input.from.replace(/^whatsapp:\+/, '');
  const sid = input.messageSid ?? fakeMessageSid();
  return {
    SmsMessageSid: sid,
    NumMedia: '0',
    ProfileName: input.profileName ?? 'Customer',
    MessageType: 'text',
    SmsSid: sid,
    WaId: waId,
    SmsStatus: 'received',
    Body: input.body,
    To: input.to,
    NumSegments: '1',
    ReferralNumMedia: '0',
    MessageSid: sid,
    AccountSid: input.accountSid,
    From: input.from,
    ApiVersion: '2010-04-01',
    ...input.extra,
  };
}
