import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../core/errors';
import { listNotifications, markNotificationsRead } from '../../core/services/notifications/list-notifications';
import type { ApiDeps } from '../deps';
import { asyncRoute } from '../http-errors';
import { memberOf, requirePermission } from '../tenant-access';

const pageSchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

/** `/api/tenants/:tenant/notifications`: the signed-in member's view (read state is per person). */
export function notificationRoutes(deps: ApiDeps): Router {
  const router = Router({ mergeParams: true });

  router.get(
    '/',
    requirePermission('conversation:read'),
    asyncRoute(async (req, res) => {
      const page = pageSchema.safeParse(req.query);
      if (!page.success) throw new AppError('bad_request', 'page and limit must be positive whole numbers');
      const { userId, membership } = memberOf(res);
      res.json(
        await listNotifications(deps.db, {
          tenantId: membership.tenantId,
          userId,
          role: membership.role,
          ...page.data,
        }),
      );
    }),
  );

  router.post(
    '/read-all',
    requirePermission('conversation:read'),
    asyncRoute(async (_req, res) => {
      const { userId, membership } = memberOf(res);
      res.json(await markNotificationsRead(deps.db, { tenantId: membership.tenantId, userId, role: membership.role }));
    }),
  );

  router.post(
    '/:id/read',
    requirePermission('conversation:read'),
    asyncRoute(async (req, res) => {
      const { userId, membership } = memberOf(res);
      res.json(
        await markNotificationsRead(deps.db, {
          tenantId: membership.tenantId,
          userId,
          role: membership.role,
          notificationId: req.params.id,
        }),
      );
    }),
  );

  return router;
}
