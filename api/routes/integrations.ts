import { Router } from 'express';
import { checkTwilio } from '../../core/services/integrations/check-twilio';
import { connectTwilio } from '../../core/services/integrations/connect-twilio';
import { disconnectMeta } from '../../core/services/integrations/disconnect-meta';
import { disconnectTwilio } from '../../core/services/integrations/disconnect-twilio';
import { getIntegrations } from '../../core/services/integrations/get-integrations';
import { saveMeta } from '../../core/services/integrations/save-meta';
import type { ApiDeps } from '../deps';
import { asyncRoute } from '../http-errors';
import { callOf, requirePermission } from '../tenant-access';

export function integrationRoutes(deps: ApiDeps): Router {
  const router = Router({ mergeParams: true });
  const manage = requirePermission('integration:manage');

  router.get(
    '/',
    manage,
    asyncRoute(async (req, res) => {
      res.json(await getIntegrations(deps, callOf(req, deps)));
    }),
  );
  router.put(
    '/twilio',
    manage,
    asyncRoute(async (req, res) => {
      res.json(await connectTwilio(deps, { ...callOf(req, deps), input: req.body }));
    }),
  );
  router.post(
    '/twilio/check',
    manage,
    asyncRoute(async (req, res) => {
      res.json(await checkTwilio(deps, callOf(req, deps)));
    }),
  );
  router.delete(
    '/twilio',
    manage,
    asyncRoute(async (req, res) => {
      await disconnectTwilio(deps, callOf(req, deps));
      res.status(204).end();
    }),
  );
  router.put(
    '/meta',
    manage,
    asyncRoute(async (req, res) => {
      res.json(await saveMeta(deps, { ...callOf(req, deps), input: req.body }));
    }),
  );
  router.delete(
    '/meta',
    manage,
    asyncRoute(async (req, res) => {
      await disconnectMeta(deps, callOf(req, deps));
      res.status(204).end();
    }),
  );
  return router;
}
