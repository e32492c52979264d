import { createCookieSessionStorage, type SessionStorage } from '@remix-run/node';
import type { Config } from '../core/config';

const storages = new Map<string, SessionStorage>();

/**
 * The one session cookie, shared by the UI (Remix loaders/actions) and the JSON
 * API: HTTP-only, SameSite=Lax, signed with SESSION_SECRET, Secure in production.
 * See docs/decisions/0004-auth-and-sessions.md.
 */
export function sessionStorageFor(config: Pick<Config, 'SESSION_SECRET' | 'NODE_ENV'>): SessionStorage {
  let storage = storages.get(config.SESSION_SECRET);
  if (!storage) {
    storage = createCookieSessionStorage({
      cookie: {
        name: '__helios_session',
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
        secrets: [config.SESSION_SECRET],
        secure: config.NODE_ENV === 'production',
        maxAge: 60 * 60 * 24 * 7,
      },
    });
    storages.set(config.SESSION_SECRET, storage);
  }
  return storage;
}

export async function userIdFromCookie(config: Config, cookieHeader: string | null | undefined) {
  const session = await sessionStorageFor(config).getSession(cookieHeader);
  const userId = session.get('userId');
  return typeof userId === 'string' ? userId : null;
}
