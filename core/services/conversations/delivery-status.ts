import type { MessageStatus } from '../../db/models/message';

/**
 * Delivery statuses only move forward: queued < sent < delivered < read, and
 * failed / undelivered are terminal. Providers send them in any order.
 */
const RANK: Record<MessageStatus, number> = {
  received: 0,
  pending: 0,
  queued: 1,
  sent: 2,
  delivered: 3,
  read: 4,
  failed: 5,
  undelivered: 5,
};

export function isTerminal(status: MessageStatus): boolean {
  return status === 'failed' || status === 'undelivered';
}

/** The statuses a message may be in for `next` to replace it. */
export function statusesBefore(next: MessageStatus): MessageStatus[] {
  if (next === 'received' || next === 'pending') return [];
  return (Object.keys(RANK) as MessageStatus[]).filter(
    (s) => s !== 'received' && !isTerminal(s) && RANK[s] < RANK[next],
  );
}

export function canMoveTo(current: MessageStatus, next: MessageStatus): boolean {
  return statusesBefore(next).includes(current);
}
