import type { Request, RequestHandler } from 'express';
import type { Permission } from '../core/auth/permissions';
import { AppError } from '../core/errors';
import type { TenantCall, TenantScope } from '../core/services/deps';
import { resolveMembership, type ResolvedMember } from '../core/services/tenants/resolve-membership';
import type { ApiDeps } from './deps';
import { asyncRoute } from './http-errors';
import { userIdFromCookie } from './session';

/**
 * The one access check at the top of every /api/tenants/:tenant route: signed in
 * (401), member of that tenant (404, no existence leak), role allows it (403).
 */
export function requirePermission(deps: ApiDeps, permission: Permission): RequestHandler {
  return asyncRoute(async (req, res, next) => {
    const userId = await userIdFromCookie(deps.config, req.get('cookie'));
    if (!userId) throw new AppError('unauthenticated', 'Sign in first (POST /api/auth/login).');
    res.locals.member = await resolveMembership(deps.db, userId, req.params.tenant, permission);
    next();
  });
}

/** The tenant the request is scoped to, set by requirePermission. */
export function scopeOf(req: Request, deps: ApiDeps): TenantScope {
  const member = req.res!.locals.member as ResolvedMember;
  return {
    tenantId: member.membership.tenantId,
    tenantSlug: member.membership.tenantSlug,
    baseUrl: deps.config.PUBLIC_BASE_URL ?? `${req.protocol}://${req.get('host')}`,
  };
}

/** Where and who, as every tenant service takes it: `{ scope, actor }`, set by the access check. */
export function callOf(req: Request, deps: ApiDeps): TenantCall {
  const member = req.res!.locals.member as Pick<ResolvedMember, 'userId'>;
  return { scope: scopeOf(req, deps), actor: { userId: member.userId } };
}
