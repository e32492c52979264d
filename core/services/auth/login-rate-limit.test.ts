/**
 * The limiter against a stand-in for its one MongoDB collection: enough of
 * find / updateOne / replaceOne to run the real code with a controlled clock.
 */
import type { Db } from '../../db';
import { AppError } from '../../errors';
import { assertLoginAllowed, LOGIN_LIMITS, recordLoginFailure } from './login-rate-limit';

type Doc = { _id: string; failures: number; windowStart: Date };

function fakeDb() {
  const docs = new Map<string, Doc>();
  const open = (doc: Doc | undefined, after: Date) => !!doc && doc.windowStart > after;
  const collection = {
    find: (q: { _id: { $in: string[] }; windowStart: { $gt: Date } }) => ({
      toArray: async () => q._id.$in.map((id) => docs.get(id)).filter((d) => open(d, q.windowStart.$gt)),
    }),
    updateOne: async (q: { _id: string; windowStart: { $gt: Date } }) => {
      const doc = docs.get(q._id);
      if (!open(doc, q.windowStart.$gt)) return { matchedCount: 0 };
      doc!.failures += 1;
      return { matchedCount: 1 };
    },
    replaceOne: async (q: { _id: string }, doc: Omit<Doc, '_id'>) => {
      docs.set(q._id, { _id: q._id, ...doc });
    },
  };
  return { connection: { collection: () => collection } } as unknown as Db;
}

const T0 = Date.UTC(2026, 0, 1, 10, 14, 59); // one second before a quarter hour: no fixed-window reset
const lockedAt = async (db: Db, now: number) =>
  assertLoginAllowed(db, 'a@x.test', '1.2.3.4', now).then(
    () => null,
    (err: AppError) => err.message,
  );

test('the fifth failure locks the email for the rest of its window, whatever the clock boundary', async () => {
  const db = fakeDb();
  for (let i = 0; i < LOGIN_LIMITS.perEmail; i++) {
    expect(await lockedAt(db, T0 + i)).toBeNull();
    await recordLoginFailure(db, 'A@x.test ', '1.2.3.4', T0 + i);
  }
  expect(await lockedAt(db, T0 + 2_000)).toBe('Too many failed sign-in attempts. Try again in 15 minute(s).');
  expect(await lockedAt(db, T0 + 10 * 60_000)).toMatch(/Try again in 5 minute/);
  expect(await lockedAt(db, T0 + LOGIN_LIMITS.windowMs + 1)).toBeNull();
});

test('after the window, one failure opens a new window counting from 1', async () => {
  const db = fakeDb();
  for (let i = 0; i < LOGIN_LIMITS.perEmail; i++) await recordLoginFailure(db, 'a@x.test', 'ip', T0);
  const later = T0 + LOGIN_LIMITS.windowMs + 1;
  await recordLoginFailure(db, 'a@x.test', 'ip', later);
  expect(await lockedAt(db, later)).toBeNull();
});
