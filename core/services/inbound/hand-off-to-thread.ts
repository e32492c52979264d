import type { Client } from '@temporalio/client';
import type { Config } from '../../config';
import { customerKeyFor } from '../../crypto';
import type { Db } from '../../db';
import { AppError } from '../../errors';
import { signalInboundMessage, timingsOf } from '../../temporal/threads';
import type { InboundMessage } from '../../../workflows/definitions';

export interface InboundDeps {
  db: Db;
  temporal: Client;
  config: Pick<Config, 'ENCRYPTION_KEY' | 'THREAD_KEY_SECRET' | 'TEMPORAL_TASK_QUEUE' | 'AI_DEBOUNCE_SECONDS'>;
  now?: () => Date;
}

interface TenantDoc {
  _id: unknown;
  slug: string;
  name: string;
  settings?: { escalationDelaySeconds?: number | null; autoCloseAfterSeconds?: number | null } | null;
}

/**
 * The durable hand-off of one customer message to its thread workflow, shared by
 * the Twilio and Meta webhooks and by the delivery of unrouted messages.
 * Temporal not accepting it is a 503, so the provider (or the person) retries.
 */
export async function handOffToThread(
  deps: InboundDeps,
  tenant: TenantDoc,
  number: { _id: unknown; displayName: string },
  message: InboundMessage,
): Promise<string> {
  const tenantId = String(tenant._id);
  try {
    return await signalInboundMessage(
      deps.temporal,
      deps.config.TEMPORAL_TASK_QUEUE,
      {
        tenantId,
        tenantSlug: tenant.slug,
        tenantName: tenant.name,
        numberId: String(number._id),
        numberName: number.displayName,
        customerKey: customerKeyFor(tenantId, message.from, deps.config.THREAD_KEY_SECRET),
        timings: timingsOf(tenant, deps.config),
      },
      message,
    );
  } catch (err) {
    throw new AppError(
      'service_unavailable',
      `The conversation service did not accept the message; retry later (${(err as Error).message})`,
    );
  }
}
