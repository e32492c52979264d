import { Router } from 'express';
import { connectUnroutedNumber } from '../../core/services/inbound/connect-unrouted-number';
import { deliverUnroutedMessages, deliverUnroutedSchema } from '../../core/services/inbound/deliver-unrouted-messages';
import { listUnroutedMessages } from '../../core/services/inbound/list-unrouted-messages';
import { parseInput } from '../../core/validation';
import type { ApiDeps } from '../deps';
import { asyncRoute } from '../http-errors';
import { requirePermission, scopeOf } from '../tenant-access';

/** `/api/tenants/:tenant/unrouted`: messages to numbers not connected, for the people who connect numbers. */
export function unroutedRoutes(deps: ApiDeps): Router {
  const router = Router({ mergeParams: true });
  const manage = requirePermission('number:manage');
  router.get(
    '/',
    manage,
    asyncRoute(async (req, res) => {
      res.json(await listUnroutedMessages(deps.db, scopeOf(req, deps).tenantId));
    }),
  );
  router.post(
    '/connect',
    manage,
    asyncRoute(async (req, res) => {
      res.status(201).json(await connectUnroutedNumber(deps, scopeOf(req, deps), req.body));
    }),
  );
  router.post(
    '/deliver',
    manage,
    asyncRoute(async (req, res) => {
      const { address } = parseInput(deliverUnroutedSchema, req.body);
      res.json(await deliverUnroutedMessages(deps, scopeOf(req, deps).tenantId, address));
    }),
  );
  return router;
}
