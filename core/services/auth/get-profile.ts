import type { DbDeps } from '../deps';

/** Who is signed in, for `/api/auth/me`: null when the user no longer exists. */
export async function getProfile({ db }: DbDeps, userId: string): Promise<{ email: string; name: string } | null> {
  const user = await db.User.findById(userId, { email: 1, name: 1 }).lean();
  return user ? { email: user.email, name: user.name } : null;
}
