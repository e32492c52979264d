import { can, type Permission } from '../../auth/permissions';
import type { Db } from '../../db';
import { AppError } from '../../errors';
import { listMemberships, type MembershipView } from '../auth/memberships';

export interface ResolvedMember {
  userId: string;
  membership: MembershipView;
  memberships: MembershipView[];
}

/**
 * The access check every tenant page and API route makes: a user who is not a
 * member of the tenant gets 404 (we do not confirm the tenant exists), a member
 * whose role lacks the permission gets 403 naming the role.
 */
export async function resolveMembership(
  db: Db,
  userId: string,
  tenantSlug: string | undefined,
  permission: Permission,
): Promise<ResolvedMember> {
  const memberships = await listMemberships(db, userId);
  const membership = memberships.find((m) => m.tenantSlug === tenantSlug);
  if (!membership) throw new AppError('not_found', 'Not found');
  assertPermission(membership, permission);
  return { userId, membership, memberships };
}

/** 403 naming the role when it lacks the permission. */
export function assertPermission(membership: MembershipView, permission: Permission): void {
  if (!can(membership.role, permission)) {
    throw new AppError('forbidden', `Your role (${membership.role}) does not allow this: ${describe(permission)}.`);
  }
}

const DESCRIPTIONS: Record<Permission, string> = {
  'conversation:read': 'reading conversations',
  'conversation:handle': 'handling conversations',
  'conversation:delete': 'only owners and admins delete conversations',
  'integration:manage': 'only owners and admins manage integrations',
  'ai-agent:read': 'reading AI agents',
  'ai-agent:manage': 'only owners and admins manage AI agents',
  'canned-response:read': 'reading canned responses',
  'canned-response:manage': 'only owners and admins manage canned responses',
  'number:read': 'reading numbers',
  'number:manage': 'only owners and admins manage numbers',
  'workflow:inspect': 'only owners and admins open workflows in the Temporal UI',
};

function describe(permission: Permission): string {
  return DESCRIPTIONS[permission];
}
