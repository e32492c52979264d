import { createHash, randomBytes } from 'node:crypto';
import { createCookie, type Cookie } from '@remix-run/node';
import type { Config } from '../config';
import type { Db } from '../db';

/** The cookie's name (the OpenAPI document names it too). */
export const SESSION_COOKIE = '__helios_session';
const MAX_AGE_SECONDS = 60 * 60 * 24 * 7;
const cookies = new Map<string, Cookie>();

type SessionDeps = { config: Pick<Config, 'SESSION_SECRET'>; db: Db };

/** Whether the cookie gets the Secure flag: the request came over https (behind a proxy: with TRUST_PROXY). */
export interface CookieOptions {
  secure: boolean;
}

/**
 * The one session cookie, shared by the UI and the JSON API: HttpOnly,
 * SameSite=Lax, signed with SESSION_SECRET, 7 days. It carries a random session
 * id checked against the `sessions` collection on every request, so logout,
 * a password change and "sign out everywhere" end it at once (docs/decisions/0062).
 */
function sessionCookie(config: Pick<Config, 'SESSION_SECRET'>): Cookie {
  let cookie = cookies.get(config.SESSION_SECRET);
  if (!cookie) {
    cookie = createCookie(SESSION_COOKIE, {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secrets: [config.SESSION_SECRET],
      maxAge: MAX_AGE_SECONDS,
    });
    cookies.set(config.SESSION_SECRET, cookie);
  }
  return cookie;
}

const keyOf = (sessionId: string) => createHash('sha256').update(sessionId).digest('base64url');

/** Opens a session for the user; returns the Set-Cookie header value. */
export async function startSession(deps: SessionDeps, userId: string, options: CookieOptions): Promise<string> {
  const sessionId = randomBytes(32).toString('base64url');
  // Expired sessions of this user are cleared as they sign in again (no TTL index: FerretDB does not promise one).
  await deps.db.Session.deleteMany({ userId, expiresAt: { $lte: new Date() } });
  await deps.db.Session.create({
    _id: keyOf(sessionId),
    userId,
    expiresAt: new Date(Date.now() + MAX_AGE_SECONDS * 1000),
  });
  return sessionCookie(deps.config).serialize(sessionId, options);
}

export interface SignedInSession {
  userId: string;
  /** The stored key of this session (not the cookie's secret id). */
  sessionKey: string;
}

/** The live session a Cookie header names, or null (no cookie, bad signature, ended or expired). */
export async function sessionOf(
  deps: SessionDeps,
  cookieHeader: string | null | undefined,
): Promise<SignedInSession | null> {
  const sessionId: unknown = await sessionCookie(deps.config).parse(cookieHeader ?? null);
  if (typeof sessionId !== 'string') return null;
  // By _id alone, expiry checked here: the one filter the embedded store does not answer with a full scan (ADR 0082).
  const session = await deps.db.Session.findOne({ _id: keyOf(sessionId) }).lean();
  return session && session.expiresAt > new Date() ? { userId: String(session.userId), sessionKey: session._id } : null;
}

/** Ends the session the Cookie header names; returns the Set-Cookie header value that clears it. */
export async function endSession(
  deps: SessionDeps,
  cookieHeader: string | null | undefined,
  options: CookieOptions,
): Promise<string> {
  const session = await sessionOf(deps, cookieHeader);
  if (session) await deps.db.Session.deleteOne({ _id: session.sessionKey });
  return clearedCookie(deps, options);
}

/** Ends every session of the user, but the one to keep (the client that asked, after a password change). */
export async function endSessionsOf(db: Db, userId: string, keep?: SignedInSession): Promise<void> {
  await db.Session.deleteMany(keep ? { userId, _id: { $ne: keep.sessionKey } } : { userId });
}

export function clearedCookie(deps: Pick<SessionDeps, 'config'>, options: CookieOptions): Promise<string> {
  return sessionCookie(deps.config).serialize('', { ...options, maxAge: undefined, expires: new Date(0) });
}
