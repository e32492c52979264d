import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { asyncRoute } from '../http-errors';
import { requirePermission, scopeOf } from '../tenant-access';
import type { ResolvedMember } from '../../core/services/tenants/resolve-membership';
import { aiAgentRoutes } from './agents';
import { integrationRoutes } from './integrations';
import { numberRoutes } from './numbers';
import { unroutedRoutes } from './unrouted';

/** Everything under /api/tenants/:tenant: each route checks membership and role itself. */
export function tenantApiRoutes(deps: ApiDeps): Router {
  const router = Router({ mergeParams: true });
  router.get(
    '/',
    requirePermission(deps, 'conversation:read'),
    asyncRoute(async (req, res) => {
      const { membership } = res.locals.member as ResolvedMember;
      const scope = scopeOf(req, deps);
      res.json({ id: scope.tenantId, slug: scope.tenantSlug, name: membership.tenantName, role: membership.role });
    }),
  );
  router.use('/integrations', integrationRoutes(deps));
  router.use('/ai-agents', aiAgentRoutes(deps));
  router.use('/numbers', numberRoutes(deps));
  router.use('/unrouted', unroutedRoutes(deps));
  return router;
}
