import { ZodError } from 'zod';
import { decryptSecret, parseEncryptionKey } from '../../crypto';
import { AppError } from '../../errors';
import { InvalidPhoneNumberError } from '../../phone';
import { isTwilioStatusCallback, isValidTwilioSignature, parseTwilioInbound } from '../../providers/twilio/webhook';
import { parseTwilioStatus } from '../../providers/twilio/status';
import { applyDeliveryStatus } from '../conversations/apply-delivery-status';
import { handOffToThread, type InboundDeps } from './hand-off-to-thread';
import { recordUnroutedMessage } from './record-unrouted-message';

export interface TwilioWebhookRequest {
  tenantSlug: string;
  /** The URL Twilio signed: the public one, not necessarily what this process saw. */
  url: string;
  signature: string | undefined;
  params: Record<string, string>;
}

export type TwilioWebhookDeps = InboundDeps;

export type TwilioWebhookResult = { kind: 'message'; workflowId: string } | { kind: 'status' } | { kind: 'unrouted' };

/**
 * A Twilio webhook, from signature check to the durable hand-off to the thread
 * workflow; a message to a number the tenant has not connected is kept as
 * unrouted. Throws AppError: 404 unknown tenant, 403 bad signature,
 * 400 malformed, 503 when Temporal did not accept (Twilio then retries).
 */
export async function acceptTwilioWebhook(
  deps: TwilioWebhookDeps,
  req: TwilioWebhookRequest,
): Promise<TwilioWebhookResult> {
  const { db } = deps;
  const tenant = await db.Tenant.findOne({ slug: req.tenantSlug }).lean();
  if (!tenant) throw new AppError('not_found', `No tenant "${req.tenantSlug}"`);
  const integration = await db.TwilioIntegration.findOne({ tenantId: tenant._id }).lean();
  if (!integration) throw new AppError('not_found', 'This tenant has no Twilio integration');

  const authToken = decryptSecret(integration.authTokenEncrypted, parseEncryptionKey(deps.config.ENCRYPTION_KEY));
  if (!isValidTwilioSignature(authToken, req.signature, req.url, req.params)) {
    throw new AppError('forbidden', 'Invalid or missing X-Twilio-Signature');
  }

  if (isTwilioStatusCallback(req.params)) {
    let status;
    try {
      status = parseTwilioStatus(req.params);
    } catch (err) {
      if (err instanceof ZodError) throw new AppError('bad_request', 'Malformed Twilio status callback');
      throw err;
    }
    if (status.accountSid !== integration.accountSid) {
      throw new AppError('forbidden', 'AccountSid does not match this tenant’s Twilio account');
    }
    if (status.status) {
      await applyDeliveryStatus(
        { db },
        {
          tenantId: String(tenant._id),
          providerMessageId: status.providerMessageId,
          status: status.status,
          errorCode: status.errorCode,
        },
      );
    }
    return { kind: 'status' };
  }

  let parsed;
  try {
    parsed = parseTwilioInbound(req.params);
  } catch (err) {
    if (err instanceof ZodError || err instanceof InvalidPhoneNumberError) {
      throw new AppError(
        'bad_request',
        `Malformed Twilio webhook: ${err instanceof ZodError ? err.issues.map((i) => i.path.join('.') + ' ' + i.message).join('; ') : err.message}`,
      );
    }
    throw err;
  }
  if (parsed.accountSid !== integration.accountSid) {
    throw new AppError('forbidden', 'AccountSid does not match this tenant’s Twilio account');
  }

  const receivedAt = (deps.now ?? (() => new Date()))().toISOString();
  const message = { ...parsed.message, receivedAt };
  const number = await db.WhatsAppNumber.findOne({
    tenantId: tenant._id,
    provider: 'twilio',
    address: parsed.to,
  }).lean();
  if (!number) {
    // Signed by the tenant's own account, to a number not connected (yet): kept, or Twilio drops it on a 4xx.
    await recordUnroutedMessage(db, { tenantId: String(tenant._id), to: parsed.to, message });
    return { kind: 'unrouted' };
  }
  const workflowId = await handOffToThread(deps, tenant, number, message);
  return { kind: 'message', workflowId };
}
