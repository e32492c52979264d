import { ZodError } from 'zod';
import { decryptSecret, parseEncryptionKey } from '../../crypto';
import type { Db } from '../../db';
import { AppError } from '../../errors';
import { InvalidPhoneNumberError } from '../../phone';
import { isValidMetaSignature, parseMetaWebhook } from '../../providers/meta/webhook';
import { applyDeliveryStatus } from '../conversations/apply-delivery-status';
import { handOffToThread, type InboundDeps } from './hand-off-to-thread';
import { recordUnroutedMessage } from './record-unrouted-message';

export type MetaWebhookDeps = InboundDeps;

async function tenantAndIntegration(db: Db, tenantSlug: string) {
  const tenant = await db.Tenant.findOne({ slug: tenantSlug }).lean();
  if (!tenant) throw new AppError('not_found', `No tenant "${tenantSlug}"`);
  const integration = await db.MetaIntegration.findOne({ tenantId: tenant._id }).lean();
  if (!integration) throw new AppError('not_found', 'This tenant has no Meta integration');
  return { tenant, integration };
}

/** Meta's subscription handshake: the challenge back when the verify token matches, else 403. */
export async function verifyMetaSubscription(
  db: Db,
  tenantSlug: string,
  query: Record<string, unknown>,
): Promise<string> {
  const { integration } = await tenantAndIntegration(db, tenantSlug);
  const challenge = query['hub.challenge'];
  if (query['hub.mode'] !== 'subscribe' || query['hub.verify_token'] !== integration.verifyToken) {
    throw new AppError('forbidden', 'The verify token does not match this tenant’s Meta integration');
  }
  if (typeof challenge !== 'string' || !challenge) throw new AppError('bad_request', 'hub.challenge is missing');
  return challenge;
}

/**
 * A Meta webhook POST: signature over the raw bytes, then every message of every
 * entry handed to its thread (signalWithStart) — or kept as unrouted when its
 * number is not connected — and every status applied. Throws
 * AppError: 403 bad signature, 400 malformed, 503 when Temporal did not accept
 * one of the messages (Meta then redelivers the whole batch; de-dup absorbs it).
 */
export async function acceptMetaWebhook(
  deps: MetaWebhookDeps,
  req: { tenantSlug: string; rawBody: Buffer; signature: string | undefined },
): Promise<{ messages: number; statuses: number; unrouted: number; unroutable: number }> {
  const { db } = deps;
  const { tenant, integration } = await tenantAndIntegration(db, req.tenantSlug);
  const appSecret = decryptSecret(integration.appSecretEncrypted, parseEncryptionKey(deps.config.ENCRYPTION_KEY));
  if (!isValidMetaSignature(appSecret, req.signature, req.rawBody)) {
    throw new AppError('forbidden', 'Invalid or missing X-Hub-Signature-256');
  }
  let changes;
  try {
    changes = parseMetaWebhook(JSON.parse(req.rawBody.toString('utf8')));
  } catch (err) {
    if (err instanceof SyntaxError || err instanceof ZodError || err instanceof InvalidPhoneNumberError) {
      throw new AppError(
        'bad_request',
        `Malformed Meta webhook: ${err instanceof ZodError ? 'unexpected shape' : err.message}`,
      );
    }
    throw err;
  }

  const tenantId = String(tenant._id);
  const receivedAt = (deps.now ?? (() => new Date()))().toISOString();
  let messages = 0;
  let statuses = 0;
  let unrouted = 0;
  let unroutable = 0;
  for (const change of changes) {
    const number = await db.WhatsAppNumber.findOne({
      tenantId: tenant._id,
      provider: 'meta',
      'meta.phoneNumberId': change.phoneNumberId,
    }).lean();
    if (!number) {
      // A number of the tenant's Meta app not connected (yet): its messages are kept; statuses belong to nothing here.
      for (const message of change.messages) {
        await recordUnroutedMessage(db, {
          tenantId,
          to: `meta:${change.phoneNumberId}`,
          message: { ...message, receivedAt },
        });
        unrouted += 1;
      }
      unroutable += change.statuses.length;
      continue;
    }
    for (const status of change.statuses) {
      if (!status.status) continue;
      await applyDeliveryStatus(
        { db },
        {
          tenantId,
          providerMessageId: status.providerMessageId,
          status: status.status,
          errorCode: status.errorCode,
          errorMessage: status.errorTitle,
        },
      );
      statuses += 1;
    }
    for (const message of change.messages) {
      await handOffToThread(deps, tenant, number, { ...message, receivedAt });
      messages += 1;
    }
  }
  return { messages, statuses, unrouted, unroutable };
}
