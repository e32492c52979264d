import { twilioCallbackWarning, type TwilioCallbackSettings } from '../../config';
import type { ConfigDeps } from '../deps';
import { tenantFilter, type Scoped } from '../tenant-scope';

/**
 * The missing-PUBLIC_BASE_URL warning, when a Twilio integration would get no status
 * callbacks: of one tenant (the Integrations page), or of any tenant (at process start).
 */
export async function getTwilioCallbackWarning(
  { db, config }: ConfigDeps<TwilioCallbackSettings>,
  scope?: Scoped,
): Promise<string | undefined> {
  const hasTwilio = await db.TwilioIntegration.exists(scope ? tenantFilter(scope) : {});
  return twilioCallbackWarning(config, !!hasTwilio);
}
