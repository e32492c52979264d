import type { Db } from '../../db';
import { AppError } from '../../errors';
import { authenticate } from './authenticate';
import { assertLoginAllowed, recordLoginFailure } from './login-rate-limit';

export interface LogInInput {
  email: string;
  password: string;
  /** The client's IP (or another stable client key): limits guessing across many emails. */
  clientAddress: string;
}

/**
 * Checks the credentials under the rate limit. Returns the user id; throws 401
 * "Wrong email or password." (never says which) or 429 when over the limit.
 */
export async function logIn(db: Db, input: LogInInput): Promise<string> {
  await assertLoginAllowed(db, input.email, input.clientAddress);
  const userId = await authenticate(db, input.email, input.password);
  if (!userId) {
    await recordLoginFailure(db, input.email, input.clientAddress);
    throw new AppError('unauthenticated', 'Wrong email or password.');
  }
  return userId;
}
