import type { Role } from '../db/models/user';

/**
 * The role matrix, in one place (docs/permissions.md explains it). Every loader,
 * action and API route asks for one permission; nothing checks a role by hand.
 */
export const PERMISSIONS = {
  'conversation:read': ['owner', 'admin', 'agent'],
  'conversation:handle': ['owner', 'admin', 'agent'],
  'conversation:delete': ['owner', 'admin'],
  'integration:manage': ['owner', 'admin'],
  'ai-agent:read': ['owner', 'admin', 'agent'],
  'ai-agent:manage': ['owner', 'admin'],
  /** Every member inserts saved replies; only owners and admins write the tenant's set. */
  'canned-response:read': ['owner', 'admin', 'agent'],
  'canned-response:manage': ['owner', 'admin'],
  'number:read': ['owner', 'admin', 'agent'],
  'number:manage': ['owner', 'admin'],
  /** See a conversation's workflow in the Temporal UI (an ops view with internal ids). */
  'workflow:inspect': ['owner', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
