import { redirect, type AppLoadContext } from '@remix-run/node';
import { can, type Permission } from '../../../core/auth/permissions';
import { listMemberships, type MembershipView } from '../../../core/services/auth/memberships';
import { sessionStorageFor } from './session.server';

export async function getUserId(request: Request, context: AppLoadContext): Promise<string | null> {
  const session = await sessionStorageFor(context.deps.config).getSession(request.headers.get('Cookie'));
  const userId = session.get('userId');
  return typeof userId === 'string' ? userId : null;
}

export async function requireUserId(request: Request, context: AppLoadContext): Promise<string> {
  const userId = await getUserId(request, context);
  if (!userId) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return userId;
}

export interface Member {
  userId: string;
  membership: MembershipView;
  memberships: MembershipView[];
}

/**
 * The one access check at the top of every tenant loader/action: the user must
 * belong to the tenant in the URL (else 404: we don't confirm it exists) and
 * hold the permission (else 403).
 */
export async function requireMember(
  request: Request,
  context: AppLoadContext,
  tenantSlug: string | undefined,
  permission: Permission = 'conversation:read',
): Promise<Member> {
  const userId = await requireUserId(request, context);
  const memberships = await listMemberships(context.deps.db, userId);
  const membership = memberships.find((m) => m.tenantSlug === tenantSlug);
  if (!membership) throw new Response('Not found', { status: 404 });
  if (!can(membership.role, permission)) {
    throw new Response(`Your role (${membership.role}) does not allow this`, { status: 403 });
  }
  return { userId, membership, memberships };
}
