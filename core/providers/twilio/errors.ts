import { OUTSIDE_WINDOW_MESSAGE, ProviderSendError } from '../messaging';

/** Network errors where the request never reached Twilio: nothing was sent. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET_BEFORE_SEND']);

/**
 * A failed `messages.create` → ProviderSendError. The SDK throws RestException
 * (`status`, `code`) when Twilio answered; other errors are network trouble.
 */
export function mapTwilioError(err: unknown): ProviderSendError {
  const e = err as { status?: number; code?: number | string; message?: string };
  const code = e.code === undefined ? undefined : String(e.code);
  if (typeof e.status !== 'number') {
    // No HTTP answer. Refused connection = certainly not sent; anything else (a
    // reset, a timeout) may have reached Twilio.
    return new ProviderSendError('ProviderUnavailable', 'Twilio could not be reached; retrying', {
      retryable: true,
      definitelyNotSent: code !== undefined && NOT_CONNECTED.has(code),
      providerCode: code,
    });
  }
  const answered = { definitelyNotSent: true, providerCode: code };
  switch (code) {
    case '21211':
    case '63003':
    case '21614':
      return new ProviderSendError(
        'InvalidRecipient',
        'The customer’s number is not a valid WhatsApp number (Twilio ' + code + ')',
        { retryable: false, ...answered },
      );
    case '20003':
      return badCredentials(answered);
    case '63016':
      return new ProviderSendError('OutsideWindow', OUTSIDE_WINDOW_MESSAGE, { retryable: false, ...answered });
    case '20429':
    case '63018':
      return rateLimited(answered);
  }
  if (e.status === 401) return badCredentials(answered);
  if (e.status === 429) return rateLimited(answered);
  if (e.status >= 500) {
    return new ProviderSendError('ProviderUnavailable', `Twilio is having trouble (HTTP ${e.status}); retrying`, {
      retryable: true,
      ...answered,
    });
  }
  return new ProviderSendError('ProviderRejected', `Twilio refused the message: ${e.message ?? 'no reason given'}`, {
    retryable: false,
    ...answered,
  });
}

function badCredentials(answered: { definitelyNotSent: boolean; providerCode?: string }) {
  return new ProviderSendError(
    'BadCredentials',
    'Twilio rejected this tenant’s credentials: an owner or admin should check the Twilio integration',
    { retryable: false, ...answered },
  );
}

function rateLimited(answered: { definitelyNotSent: boolean; providerCode?: string }) {
  return new ProviderSendError('RateLimited', 'Twilio is rate limiting this number; retrying', {
    retryable: true,
    ...answered,
  });
}
