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
  const requestClient = new twilio.RequestClient();
  const httpClient = {
    request: (options: Parameters<typeof requestClient.request>[0]) =>
      requestClient.request({ ...options, uri: twilioApiUrl(options.uri, apiBaseUrl) ?? options.uri }),
  } as unknown as typeof requestClient;
  return twilio(accountSid, authToken, { httpClient });
}

/**
 * Where a `https://{product}.twilio.com/...` URL is really served: itself, or
 * `{apiBaseUrl}/{product}/...` with TWILIO_API_BASE_URL. Undefined for a URL
 * that is not Twilio's (credentials must never go there).
 */
export function twilioApiUrl(url: string, apiBaseUrl?: string): string | undefined {
  const twilioHost = /^https:\/\/([a-z0-9-]+)\.twilio\.com(?=\/|$)/;
  if (!twilioHost.test(url)) return undefined;
  return apiBaseUrl ? url.replace(twilioHost, `${apiBaseUrl.replace(/\/$/, '')}/$1`) : url;
}
