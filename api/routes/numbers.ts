import { Router } from 'express';
import { notFound } from '../../core/errors';
import { objectIdOr404 } from '../../core/services/ids';
import { getNumber, listNumbers } from '../../core/services/numbers/list-numbers';
import { listTwilioNumberChoices } from '../../core/services/numbers/list-twilio-number-choices';
import { connectNumber } from '../../core/services/numbers/connect-number';
import { deleteNumber } from '../../core/services/numbers/delete-number';
import { setNumberActive } from '../../core/services/numbers/set-number-active';
import { updateNumber } from '../../core/services/numbers/update-number';
import type { ApiDeps } from '../deps';
import { asyncRoute } from '../http-errors';
import { callOf, requirePermission, scopeOf } from '../tenant-access';

export function numberRoutes(deps: ApiDeps): Router {
  const router = Router({ mergeParams: true });
  const read = requirePermission('number:read');
  const manage = requirePermission('number:manage');

  router.get(
    '/',
    read,
    asyncRoute(async (req, res) => {
      res.json({ numbers: await listNumbers(deps.db, scopeOf(req, deps)) });
    }),
  );
  // Before '/:id', which would otherwise take "twilio-choices" for an id.
  router.get(
    '/twilio-choices',
    manage,
    asyncRoute(async (req, res) => {
      res.json(await listTwilioNumberChoices(deps, scopeOf(req, deps).tenantId));
    }),
  );
  router.post(
    '/',
    manage,
    asyncRoute(async (req, res) => {
      res.status(201).json(await connectNumber(deps, scopeOf(req, deps), req.body));
    }),
  );
  router.get(
    '/:id',
    read,
    asyncRoute(async (req, res) => {
      const number = await getNumber(deps.db, scopeOf(req, deps), objectIdOr404(req.params.id, 'Number'));
      if (!number) throw notFound('Number');
      res.json(number);
    }),
  );
  router.put(
    '/:id',
    manage,
    asyncRoute(async (req, res) => {
      res.json(await updateNumber(deps, scopeOf(req, deps), req.params.id, req.body));
    }),
  );
  router.put(
    '/:id/active',
    manage,
    asyncRoute(async (req, res) => {
      res.json(await setNumberActive(deps, scopeOf(req, deps), req.params.id, req.body));
    }),
  );
  router.delete(
    '/:id',
    manage,
    asyncRoute(async (req, res) => {
      const { scope, actor } = callOf(req, deps);
      await deleteNumber(deps, scope, req.params.id, actor);
      res.status(204).end();
    }),
  );
  return router;
}
