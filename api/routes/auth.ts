import { Router, type Request } from 'express';
import { AppError } from '../../core/errors';
import { getProfile } from '../../core/services/auth/get-profile';
import { clearedCookie, endSession, endSessionsOf, sessionOf, startSession } from '../../core/auth/session';
import { listMemberships } from '../../core/services/auth/memberships';
import { logIn } from '../../core/services/auth/log-in';
import { changePassword } from '../../core/services/auth/change-password';
import { logInSchema } from '../../core/services/auth/schemas';
import { parseInput } from '../../core/validation';
import type { ApiDeps } from '../deps';
import { asyncRoute } from '../http-errors';

const SIGN_IN_FIRST = 'Sign in first (POST /api/auth/login).';

/** The same session cookie as the login page, for API clients. */
export function authRoutes(deps: ApiDeps): Router {
  const router = Router();
  const signedIn = async (req: Request) => {
    const session = await sessionOf(deps, req.get('cookie'));
    if (!session) throw new AppError('unauthenticated', SIGN_IN_FIRST);
    return session;
  };

  router.post(
    '/login',
    asyncRoute(async (req, res) => {
      const { email, password } = parseInput(logInSchema, req.body);
      const userId = await logIn(deps.db, { email, password, clientAddress: req.ip ?? 'unknown' });
      res.setHeader('Set-Cookie', await startSession(deps, userId, { secure: req.secure }));
      res.json({ userId, memberships: await listMemberships(deps.db, userId) });
    }),
  );

  router.post(
    '/logout',
    asyncRoute(async (req, res) => {
      res.setHeader('Set-Cookie', await endSession(deps, req.get('cookie'), { secure: req.secure }));
      res.status(204).end();
    }),
  );

  // Every session of the signed-in user, on every device, this one included.
  router.post(
    '/logout-everywhere',
    asyncRoute(async (req, res) => {
      const session = await signedIn(req);
      await endSessionsOf(deps.db, session.userId);
      res.setHeader('Set-Cookie', await clearedCookie(deps, { secure: req.secure }));
      res.status(204).end();
    }),
  );

  router.post(
    '/password',
    asyncRoute(async (req, res) => {
      const session = await signedIn(req);
      await changePassword(deps.db, session, req.body);
      res.status(204).end();
    }),
  );

  router.get(
    '/me',
    asyncRoute(async (req, res) => {
      const { userId } = await signedIn(req);
      const user = await getProfile(deps, userId);
      if (!user) throw new AppError('unauthenticated', SIGN_IN_FIRST);
      res.json({ userId, email: user.email, name: user.name, memberships: await listMemberships(deps.db, userId) });
    }),
  );

  return router;
}
