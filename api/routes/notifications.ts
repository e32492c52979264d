import { Router } from 'express';
import { z } from 'zod';
import { parseInput } from '../../core/validation';
import { listNotifications } from '../../core/services/notifications/list-notifications';
import { markNotificationsRead } from '../../core/services/notifications/mark-notifications-read';
import type { ApiDeps } from '../deps';
import { asyncRoute } from '../http-errors';
import { callOf, requirePermission } from '../tenant-access';

const WHOLE = 'page and limit must be positive whole numbers';
const pageSchema = z.object({
  page: z.coerce.number({ invalid_type_error: WHOLE }).int(WHOLE).min(1, WHOLE).max(10_000).optional(),
  limit: z.coerce
    .number({ invalid_type_error: WHOLE })
    .int(WHOLE)
    .min(1, WHOLE)
    .max(100, 'At most 100 a page')
    .optional(),
});

/** `/api/tenants/:tenant/notifications`: the signed-in member's view (read state is per person). */
export function notificationRoutes(deps: ApiDeps): Router {
  const router = Router({ mergeParams: true });

  router.get(
    '/',
    requirePermission('conversation:read'),
    asyncRoute(async (req, res) => {
      const page = parseInput(pageSchema, req.query);
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
