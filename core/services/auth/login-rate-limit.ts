import type { Db } from '../../db';
import { AppError } from '../../errors';

/** Failed logins allowed per email, and per client address, in one window. */
export const LOGIN_LIMITS = { perEmail: 5, perClient: 30, windowMs: 15 * 60 * 1000 };

interface AttemptCounter {
  _id: string;
  failures: number;
  expiresAt: Date;
}

/**
 * Counters live in MongoDB (collection `login_attempts`), not process memory, so
 * the limit holds across api replicas. Fixed windows: the key carries the window start.
 */
function keysFor(email: string, clientAddress: string, now: number) {
  const window = Math.floor(now / LOGIN_LIMITS.windowMs);
  return {
    email: `email:${email.trim().toLowerCase()}:${window}`,
    client: `client:${clientAddress}:${window}`,
    retryAfterSeconds: Math.ceil(((window + 1) * LOGIN_LIMITS.windowMs - now) / 1000),
    expiresAt: new Date((window + 1) * LOGIN_LIMITS.windowMs),
  };
}

const attempts = (db: Db) => db.connection.collection<AttemptCounter>('login_attempts');

export async function assertLoginAllowed(db: Db, email: string, clientAddress: string, now = Date.now()) {
  const keys = keysFor(email, clientAddress, now);
  const counters = await attempts(db)
    .find({ _id: { $in: [keys.email, keys.client] } })
    .toArray();
  const failures = (key: string) => counters.find((c) => c._id === key)?.failures ?? 0;
  if (failures(keys.email) >= LOGIN_LIMITS.perEmail || failures(keys.client) >= LOGIN_LIMITS.perClient) {
    const minutes = Math.max(1, Math.ceil(keys.retryAfterSeconds / 60));
    throw new AppError('rate_limited', `Too many failed sign-in attempts. Try again in ${minutes} minute(s).`);
  }
}

export async function recordLoginFailure(db: Db, email: string, clientAddress: string, now = Date.now()) {
  const keys = keysFor(email, clientAddress, now);
  for (const key of [keys.email, keys.client]) {
    await attempts(db).updateOne(
      { _id: key },
      { $inc: { failures: 1 }, $setOnInsert: { expiresAt: keys.expiresAt } },
      { upsert: true },
    );
  }
}
