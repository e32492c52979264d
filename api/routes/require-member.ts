import type { Request, RequestHandler } from 'express';
import { can, type Permission } from '../../core/auth/permissions';
import { AppError } from '../../core/errors';
import { listMemberships, type MembershipView } from '../../core/services/auth/memberships';
import { sessionStorageFor } from '../../web/app/utils/session.server';
import type { ApiDeps } from '../deps';

export interface MemberContext {
  userId: string;
  membership: MembershipView;
}

/**
 * The one access check of every tenant API route: signed in (else 401), a member
 * of the tenant in the URL (else 404: we don't confirm it exists), holding the
 * permission (else 403). Reads the UI's session cookie.
 */
export function requireMember(deps: ApiDeps, permission: Permission = 'conversation:read'): RequestHandler {
  return (req, res, next) => {
    memberOf(deps, req, permission).then((member) => {
      res.locals.member = member;
      next();
    }, next);
  };
}

async function memberOf(deps: ApiDeps, req: Request, permission: Permission): Promise<MemberContext> {
  const session = await sessionStorageFor(deps.config).getSession(req.get('cookie'));
  const userId = session.get('userId');
  if (typeof userId !== 'string') throw new AppError('unauthenticated', 'Sign in first');
  const memberships = await listMemberships(deps.db, userId);
  const membership = memberships.find((m) => m.tenantSlug === req.params.tenant);
  if (!membership) throw new AppError('not_found', `No tenant "${req.params.tenant}"`);
  if (!can(membership.role, permission)) {
    throw new AppError('forbidden', `Your role (${membership.role}) does not allow this`);
  }
  return { userId, membership };
}

export function memberOfResponse(res: { locals: Record<string, unknown> }): MemberContext {
  return res.locals.member as MemberContext;
}
