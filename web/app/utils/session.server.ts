import { createCookieSessionStorage, type SessionStorage } from '@remix-run/node';
import type { Config } from '../../../core/config';

let storage: SessionStorage | undefined;

/** HTTP-only, SameSite=Lax, signed cookie; Secure in production. */
export function sessionStorageFor(config: Config): SessionStorage {
  storage ??= createCookieSessionStorage({
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
  return storage;
}
