import express, { Router } from 'express';
import type { ApiDeps } from '../deps';
import { asyncRoute } from '../http-errors';
import { memberOf, requirePermission, requireTenantMember, scopeOf } from '../tenant-access';
import { aiAgentRoutes } from './agents';
import { cannedResponseRoutes } from './canned-responses';
import { conversationRoutes } from './conversations';
import { integrationRoutes } from './integrations';
import { notificationRoutes } from './notifications';
import { numberRoutes } from './numbers';
import { unroutedRoutes } from './unrouted';

/**
 * Everything under /api/tenants/:tenant, behind one guard (a live session and a
 * membership of that tenant); each route then asks for its permission.
 */
export function tenantApiRoutes(deps: ApiDeps, events: Router): Router {
  const router = Router({ mergeParams: true });
  router.use(requireTenantMember(deps));
  router.use('/events', events);
  // Conversations parse their own bodies (JSON only); the rest share this parser.
  router.use('/conversations', conversationRoutes(deps));
  router.use('/notifications', notificationRoutes(deps));
  router.use(express.json({ limit: '64kb' }));
  router.get(
    '/',
    requirePermission('conversation:read'),
    asyncRoute(async (req, res) => {
      const { membership } = memberOf(res);
      const scope = scopeOf(req, deps);
      res.json({ id: scope.tenantId, slug: scope.tenantSlug, name: membership.tenantName, role: membership.role });
    }),
  );
  router.use('/integrations', integrationRoutes(deps));
  router.use('/ai-agents', aiAgentRoutes(deps));
  router.use('/canned-responses', cannedResponseRoutes(deps));
  router.use('/numbers', numberRoutes(deps));
  router.use('/unrouted', unroutedRoutes(deps));
  return router;
}
