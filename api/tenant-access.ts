import type { Request, RequestHandler, Response } from 'express';
import type { Permission } from '../core/auth/permissions';
import { sessionOf } from '../core/auth/session';
import { AppError } from '../core/errors';
import type { TenantCall, TenantScope } from '../core/services/deps';
import { assertPermission, resolveMembership, type ResolvedMember } from '../core/services/tenants/resolve-membership';
import type { ApiDeps } from './deps';
import { asyncRoute } from './http-errors';

/**
 * The one access check in front of every /api/tenants/:tenant route (mounted
 * once, in routes/tenant-api.ts): a live session (401), a member of that tenant
 * (404, no existence leak). Routes then ask for their permission.
 */
export function requireTenantMember(deps: ApiDeps): RequestHandler {
  return asyncRoute(async (req, res, next) => {
    const session = await sessionOf(deps, req.get('cookie'));
    if (!session) throw new AppError('unauthenticated', 'Sign in first (POST /api/auth/login).');
    res.locals.member = await resolveMembership(deps.db, session.userId, req.params.tenant, 'conversation:read');
    next();
  });
}

/** The role check of one route (403 naming the role), on the member requireTenantMember found. */
export function requirePermission(permission: Permission): RequestHandler {
  return (_req, res, next) => {
    assertPermission(memberOf(res).membership, permission);
    next();
  };
}

/** The signed-in member, set by requireTenantMember. */
export function memberOf(res: Response): ResolvedMember {
  return res.locals.member as ResolvedMember;
}

/** The tenant the request is scoped to, set by requireTenantMember. */
export function scopeOf(req: Request, deps: ApiDeps): TenantScope {
  const { membership } = memberOf(req.res!);
  return {
    tenantId: membership.tenantId,
    tenantSlug: membership.tenantSlug,
    baseUrl: deps.config.PUBLIC_BASE_URL ?? `${req.protocol}://${req.get('host')}`,
  };
}

/** Where and who, as every tenant service takes it: `{ scope, actor }`, set by the access check. */
export function callOf(req: Request, deps: ApiDeps): TenantCall {
  const member = memberOf(req.res!);
  return { scope: scopeOf(req, deps), actor: { userId: member.userId, role: member.membership.role } };
}
