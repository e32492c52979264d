import type { Client } from '@temporalio/client';
import { ZodError } from 'zod';
import type { Config } from '../../config';
import { customerKeyFor, decryptSecret, parseEncryptionKey } from '../../crypto';
import type { Db } from '../../db';
import { AppError } from '../../errors';
import { InvalidPhoneNumberError } from '../../phone';
import { isTwilioStatusCallback, isValidTwilioSignature, parseTwilioInbound } from '../../providers/twilio/webhook';
import { signalInboundMessage, timingsOf } from '../../temporal/threads';
import { parseTwilioStatus } from '../../providers/twilio/status';
import { applyDeliveryStatus } from '../conversations/apply-delivery-status';

export interface TwilioWebhookRequest {
  tenantSlug: string;
  /** The URL Twilio signed: the public one, not necessarily what this process saw. */
  url: string;
  signature: string | undefined;
  params: Record<string, string>;
}

export interface TwilioWebhookDeps {
  db: Db;
  temporal: Client;
  config: Pick<Config, 'ENCRYPTION_KEY' | 'THREAD_KEY_SECRET' | 'TEMPORAL_TASK_QUEUE' | 'AI_DEBOUNCE_SECONDS'>;
  now?: () => Date;
}

export type TwilioWebhookResult = { kind: 'message'; workflowId: string } | { kind: 'status' };

/**
 * A Twilio webhook, from signature check to the durable hand-off to the thread
 * workflow. Throws AppError: 404 unknown tenant/number, 403 bad signature,
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

  const number = await db.WhatsAppNumber.findOne({
    tenantId: tenant._id,
    provider: 'twilio',
    address: parsed.to,
  }).lean();
  if (!number) throw new AppError('not_found', `No connected number ${parsed.to} for tenant "${tenant.slug}"`);

  const tenantId = String(tenant._id);
  const receivedAt = (deps.now ?? (() => new Date()))().toISOString();
  try {
    const workflowId = await signalInboundMessage(
      deps.temporal,
      deps.config.TEMPORAL_TASK_QUEUE,
      {
        tenantId,
        tenantName: tenant.name,
        numberId: String(number._id),
        numberName: number.displayName,
        customerKey: customerKeyFor(tenantId, parsed.message.from, deps.config.THREAD_KEY_SECRET),
        timings: timingsOf(tenant, deps.config),
      },
      { ...parsed.message, receivedAt },
    );
    return { kind: 'message', workflowId };
  } catch (err) {
    throw new AppError(
      'service_unavailable',
      `The conversation service did not accept the message; retry later (${(err as Error).message})`,
    );
  }
}
