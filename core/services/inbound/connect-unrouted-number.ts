import { AppError } from '../../errors';
import type { ServiceDeps, TenantScope } from '../deps';
import { connectNumber } from '../numbers/connect-number';
import type { NumberView } from '../numbers/list-numbers';
import { deliverUnroutedMessages } from './deliver-unrouted-messages';
import type { InboundDeps } from './hand-off-to-thread';

/**
 * "Connect this number" on the unrouted messages page: the ordinary connect (same
 * rules and provider checks), then its kept messages go to their threads. When
 * the conversation service does not take them now, the number stays connected
 * and the messages stay kept, to deliver later.
 */
export async function connectUnroutedNumber(
  deps: ServiceDeps & InboundDeps,
  scope: TenantScope,
  input: unknown,
): Promise<{ number: NumberView; delivered: number; pending: string | null }> {
  const number = await connectNumber(deps, scope, input);
  try {
    const { delivered } = await deliverUnroutedMessages(deps, scope.tenantId, number.address);
    return { number, delivered, pending: null };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { number, delivered: 0, pending: `The number is connected; its messages are kept: ${err.message}` };
  }
}
