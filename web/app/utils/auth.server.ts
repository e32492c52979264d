import { redirect, type AppLoadContext } from '@remix-run/node';
import type { Permission } from '../../../core/auth/permissions';
import type { TenantCall } from '../../../core/services/deps';
import { resolveMembership, type ResolvedMember } from '../../../core/services/tenants/resolve-membership';
import { asHttpError } from './action.server';
import { sessionOf } from '../../../core/auth/session';

/** The signed-in user's id: the cookie names a live session (ended by logout, password change, sign out everywhere). */
export async function getUserId(request: Request, context: AppLoadContext): Promise<string | null> {
  return (await sessionOf(context.deps, request.headers.get('Cookie')))?.userId ?? null;
}

/** Cookies get the Secure flag when the request came over https (req.protocol, honouring TRUST_PROXY). */
export function cookieOptionsFor(request: Request) {
  return { secure: new URL(request.url).protocol === 'https:' };
}

export async function requireUserId(request: Request, context: AppLoadContext): Promise<string> {
  const userId = await getUserId(request, context);
  if (!userId) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return userId;
}

export type Member = ResolvedMember;

/**
 * The one access check at the top of every tenant loader/action: the same rule
 * as the JSON API (core/services/tenants/resolve-membership): not a member of
 * the tenant in the URL = 404, role lacks the permission = 403.
 */
export async function requireMember(
  request: Request,
  context: AppLoadContext,
  tenantSlug: string | undefined,
  permission: Permission = 'conversation:read',
): Promise<Member> {
  const userId = await requireUserId(request, context);
  return resolveMembership(context.deps.db, userId, tenantSlug, permission).catch(asHttpError);
}

/** Where and who, as every tenant service takes it; the scope carries the base URL webhooks are reached at. */
export function callFor(request: Request, context: AppLoadContext, member: Member): TenantCall {
  return {
    scope: {
      tenantId: member.membership.tenantId,
      tenantSlug: member.membership.tenantSlug,
      baseUrl: context.deps.config.PUBLIC_BASE_URL ?? new URL(request.url).origin,
    },
    actor: { userId: member.userId, role: member.membership.role },
  };
}
