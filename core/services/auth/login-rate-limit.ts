import type { Db } from '../../db';
import { AppError } from '../../errors';

/** Failed logins allowed per email, and per client address, within one window. */
export const LOGIN_LIMITS = { perEmail: 5, perClient: 30, windowMs: 15 * 60 * 1000 };

interface AttemptCounter {
  _id: string;
  failures: number;
  /** The window opens at the first failure and lasts LOGIN_LIMITS.windowMs. */
  windowStart: Date;
}

/**
 * Counters live in MongoDB (collection `login_attempts`), not process memory, so
 * the limit holds across api replicas. Each key has one document: its window
 * starts at the first failure, and a failure after the window starts a new one.
 */
const attempts = (db: Db) => db.connection.collection<AttemptCounter>('login_attempts');
const keysFor = (email: string, clientAddress: string) => [
  { key: `email:${email.trim().toLowerCase()}`, limit: LOGIN_LIMITS.perEmail },
  { key: `client:${clientAddress}`, limit: LOGIN_LIMITS.perClient },
];

export async function assertLoginAllowed(db: Db, email: string, clientAddress: string, now = Date.now()) {
  const keys = keysFor(email, clientAddress);
  const counters = await attempts(db)
    .find({ _id: { $in: keys.map((k) => k.key) }, windowStart: { $gt: new Date(now - LOGIN_LIMITS.windowMs) } })
    .toArray();
  for (const { key, limit } of keys) {
    const counter = counters.find((c) => c._id === key);
    if (counter && counter.failures >= limit) {
      const retryAfterMs = counter.windowStart.getTime() + LOGIN_LIMITS.windowMs - now;
      const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
      throw new AppError('rate_limited', `Too many failed sign-in attempts. Try again in ${minutes} minute(s).`);
    }
  }
}

export async function recordLoginFailure(db: Db, email: string, clientAddress: string, now = Date.now()) {
  for (const { key } of keysFor(email, clientAddress)) {
    const counted = await attempts(db).updateOne(
      { _id: key, windowStart: { $gt: new Date(now - LOGIN_LIMITS.windowMs) } },
      { $inc: { failures: 1 } },
    );
    if (counted.matchedCount === 0) {
      // No open window: this failure opens one (replacing an expired counter).
      await attempts(db).replaceOne({ _id: key }, { failures: 1, windowStart: new Date(now) }, { upsert: true });
    }
  }
}
