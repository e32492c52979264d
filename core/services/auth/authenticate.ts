import { verifyPassword } from '../../auth/password';
import type { Db } from '../../db';

// Verified against when the email is unknown, so both failures take the same time.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$beCicmjCFsMMhBuXvgSQUg$9XRKYEI6KqgSR4i8z+ZoS9bThdHWh0oncOtXSh1De5Y';

/** The user's id when email and password match, else null (never says which was wrong). */
export async function authenticate(db: Db, email: string, password: string): Promise<string | null> {
  const user = await db.User.findOne({ email: email.trim().toLowerCase() }).lean();
  const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
  return user && ok ? String(user._id) : null;
}
