import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../core/errors';
import { getProfile } from '../../core/services/auth/get-profile';
import { listMemberships } from '../../core/services/auth/memberships';
import { logIn } from '../../core/services/auth/log-in';
import { parseInput } from '../../core/validation';
import type { ApiDeps } from '../deps';
import { asyncRoute } from '../http-errors';
import { sessionStorageFor, userIdFromCookie } from '../session';

export const loginBodySchema = z.object({
  email: z.string({ required_error: 'Enter your email address' }).trim().email('Enter your email address'),
  password: z.string({ required_error: 'Enter your password' }).min(1, 'Enter your password'),
});

/** The same session cookie as the login page, for API clients. */
export function authRoutes(deps: ApiDeps): Router {
  const router = Router();
  const storage = sessionStorageFor(deps.config);

  router.post(
    '/login',
    asyncRoute(async (req, res) => {
      const { email, password } = parseInput(loginBodySchema, req.body);
      const userId = await logIn(deps.db, { email, password, clientAddress: req.ip ?? 'unknown' });
      const session = await storage.getSession();
      session.set('userId', userId);
      res.setHeader('Set-Cookie', await storage.commitSession(session));
      res.json({ userId, memberships: await listMemberships(deps.db, userId) });
    }),
  );

  router.post(
    '/logout',
    asyncRoute(async (req, res) => {
      const session = await storage.getSession(req.get('cookie'));
      res.setHeader('Set-Cookie', await storage.destroySession(session));
      res.status(204).end();
    }),
  );

  router.get(
    '/me',
    asyncRoute(async (req, res) => {
      const userId = await userIdFromCookie(deps.config, req.get('cookie'));
      if (!userId) throw new AppError('unauthenticated', 'Sign in first (POST /api/auth/login).');
      const user = await getProfile(deps, userId);
      if (!user) throw new AppError('unauthenticated', 'Sign in first (POST /api/auth/login).');
      res.json({ userId, email: user.email, name: user.name, memberships: await listMemberships(deps.db, userId) });
    }),
  );

  return router;
}
