import { Types } from 'mongoose';
import type { Db } from '../../db';
import type { Role } from '../../db/models/user';

export interface MembershipView {
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  role: Role;
}

/** Every tenant the user belongs to, for the tenant switcher and for access checks. */
export async function listMemberships(db: Db, userId: string): Promise<MembershipView[]> {
  const memberships = await db.Membership.find({ userId: new Types.ObjectId(userId) }).lean();
  const tenants = await db.Tenant.find({ _id: { $in: memberships.map((m) => m.tenantId) } }).lean();
  const byId = new Map(tenants.map((t) => [String(t._id), t]));
  return memberships
    .filter((m) => byId.has(String(m.tenantId)))
    .map((m) => {
      const t = byId.get(String(m.tenantId))!;
      return { tenantId: String(t._id), tenantSlug: t.slug, tenantName: t.name, role: m.role as Role };
    })
    .sort((a, b) => a.tenantName.localeCompare(b.tenantName));
}
