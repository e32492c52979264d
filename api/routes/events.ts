import { Router, type Request } from 'express';
import { AppError } from '../../core/errors';
import { TenantEventTail, type LiveEvent } from '../../core/events/tail';
import type { ApiDeps } from '../deps';
import { asyncRoute } from '../http-errors';
import { memberOf } from '../tenant-access';

const HEARTBEAT_MS = 15_000;

/**
 * `GET /api/tenants/:tenant/events` (members, behind the tenant guard): the tenant's live updates as Server-Sent
 * Events. Each event's `id` is its seq, so a browser that reconnects sends
 * `Last-Event-ID` and gets what it missed; `event: reset` means "too much was
 * missed: reload the page's data".
 */
export function eventStreamRoutes(deps: ApiDeps): { router: Router; close(): void } {
  const tail = new TenantEventTail(deps.db);
  const router = Router({ mergeParams: true });

  router.get(
    '/',
    asyncRoute(async (req, res) => {
      const { tenantId } = memberOf(res).membership;
      const after = resumePoint(req);

      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no', // nginx: do not buffer the stream
      });
      res.write('retry: 2000\n\n');
      const subscription = await tail.subscribe(tenantId, after, (event) => res.write(formatEvent(event)));
      if (!subscription.replayed) res.write('event: reset\ndata: {}\n\n');
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      const end = () => {
        clearInterval(heartbeat);
        subscription.unsubscribe();
      };
      // The client may have left while we were subscribing: 'close' has then already fired.
      if (res.destroyed) end();
      else res.on('close', end);
    }),
  );

  return { router, close: () => tail.close() };
}

function formatEvent(event: LiveEvent): string {
  const data = JSON.stringify({
    seq: event.seq,
    type: event.type,
    conversationId: event.conversationId,
    ...event.data,
    at: event.createdAt,
  });
  return `id: ${event.seq}\nevent: ${event.type}\ndata: ${data}\n\n`;
}

/** `Last-Event-ID` (browser reconnect) or `?after=` (first connect of a page that loaded up to a seq). */
function resumePoint(req: Request): number | undefined {
  const raw = req.get('last-event-id') ?? (typeof req.query.after === 'string' ? req.query.after : undefined);
  if (raw === undefined || raw === '') return undefined;
  const seq = Number(raw);
  if (!Number.isInteger(seq) || seq < 0)
    throw new AppError('bad_request', 'The resume point (Last-Event-ID or after) must be a whole number');
  return seq;
}
