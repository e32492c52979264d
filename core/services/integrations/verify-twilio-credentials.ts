import { AppError } from '../../errors';
import { createTwilioClient } from '../../providers/twilio/client';

/**
 * Asks Twilio (through the real SDK) whether the credentials open the account.
 * Rejected credentials are the person's to fix (400, on the field); an
 * unreachable Twilio is ours (503); either way the caller saves nothing.
 */
export async function verifyTwilioCredentials(accountSid: string, authToken: string, apiBaseUrl?: string) {
  const client = createTwilioClient(accountSid, authToken, apiBaseUrl);
  try {
    const account = await client.api.v2010.accounts(accountSid).fetch();
    if (account.status !== 'active') {
      throw new AppError('bad_request', `This Twilio account is ${account.status}, not active.`, {
        accountSid: `This Twilio account is ${account.status}`,
      });
    }
    return { friendlyName: account.friendlyName };
  } catch (err) {
    if (err instanceof AppError) throw err;
    const status = (err as { status?: number }).status;
    const code = (err as { code?: number }).code;
    if (status === 401 || status === 404 || code === 20003) {
      const message = `Twilio did not accept this Account SID and Auth Token (Twilio error ${code ?? status}). Copy both again from the Twilio Console.`;
      throw new AppError('bad_request', message, { authToken: message });
    }
    throw new AppError(
      'service_unavailable',
      'Could not reach Twilio to check the credentials; nothing was saved. Try again in a moment.',
    );
  }
}
