import { Router } from 'express';
import { parseInput } from '../../core/validation';
import { listNotifications, notificationPageSchema } from '../../core/services/notifications/list-notifications';
import { markNotificationsRead } from '../../core/services/notifications/mark-notifications-read';
import type { ApiDeps } from '../deps';
import { asyncRoute } from '../http-errors';
import { callOf, requirePermission } from '../tenant-access';

/** `/api/tenants/:tenant/notifications`: the signed-in member's view (read state is per person). */
export function notificationRoutes(deps: ApiDeps): Router {
  const router = Router({ mergeParams: true });

  router.get(
    '/',
    requirePermission('conversation:read'),
    asyncRoute(async (req, res) => {
      const page = parseInput(notificationPageSchema, req.query);
      res.json(await listNotifications(deps, { ...callOf(req, deps), input: page }));
    }),
  );

  router.post(
    '/read-all',
    requirePermission('conversation:read'),
    asyncRoute(async (req, res) => {
      res.json(await markNotificationsRead(deps, callOf(req, deps)));
    }),
  );

  router.post(
    '/:id/read',
    requirePermission('conversation:read'),
    asyncRoute(async (req, res) => {
      res.json(await markNotificationsRead(deps, { ...callOf(req, deps), id: req.params.id }));
    }),
  );

  return router;
}
