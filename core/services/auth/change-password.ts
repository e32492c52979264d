import { hashPassword, verifyPassword } from '../../auth/password';
import { endSessionsOf, type SignedInSession } from '../../auth/session';
import type { Db } from '../../db';
import { AppError } from '../../errors';
import { parseInput } from '../../validation';
import { changePasswordSchema } from './schemas';

/**
 * Sets a new password after checking the current one, and signs the user out
 * everywhere else: a stolen cookie dies with the old password. The session
 * that asked stays signed in.
 */
export async function changePassword(db: Db, session: SignedInSession, input: unknown): Promise<void> {
  const { currentPassword, newPassword } = parseInput(changePasswordSchema, input);
  const user = await db.User.findById(session.userId, { passwordHash: 1 }).lean();
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword)))
    throw new AppError('bad_request', 'The current password is wrong.', {
      currentPassword: 'The current password is wrong.',
    });
  await db.User.updateOne({ _id: session.userId }, { passwordHash: await hashPassword(newPassword) });
  await endSessionsOf(db, session.userId, session);
}
