import twilio from 'twilio';

export type TwilioClient = ReturnType<typeof twilio>;

/**
 * The real `twilio` SDK client for one account. `apiBaseUrl` (TWILIO_API_BASE_URL:
 * tests and the sandbox) sends every `https://{product}.twilio.com/...` request to
 * `{apiBaseUrl}/{product}/...` instead: `region`/`edge` cannot reach localhost.
 * The SDK's own retries stay off: Temporal retries activities.
 */
export function createTwilioClient(accountSid: string, authToken: string, apiBaseUrl?: string): TwilioClient {
  if (!apiBaseUrl) return twilio(accountSid, authToken);
  const base = apiBaseUrl.replace(/\/$/, '');
  const requestClient = new twilio.RequestClient();
  const httpClient = {
    request: (options: Parameters<typeof requestClient.request>[0]) =>
      requestClient.request({
        ...options,
        uri: options.uri.replace(/^https:\/\/([a-z0-9-]+)\.twilio\.com/, `${base}/$1`),
      }),
  } as unknown as typeof requestClient;
  return twilio(accountSid, authToken, { httpClient });
}
