import { changePasswordSchema, logInSchema } from '../../core/services/auth/schemas';
import { room } from './build';
import { Me, SignedIn } from './responses';

const auth = room('/api/auth');

/** The session cookie (api/routes/auth.ts). */
export const authOperations = [
  auth.post('/login', 'Sign in: sets the session cookie', {
    body: logInSchema.openapi('LoginBody'),
    answer: SignedIn,
    errors: [400, 401, 429],
  }),
  auth.post('/logout', 'Sign out: ends this session'),
  auth.post('/logout-everywhere', 'Sign out everywhere: ends every session of the signed-in user, this one included', {
    errors: [401],
  }),
  auth.post('/password', 'Change your password: ends your other sessions, keeps this one', {
    body: changePasswordSchema.openapi('ChangePasswordBody'),
    errors: [400, 401],
  }),
  auth.get('/me', 'The signed-in user and their tenants', { answer: Me, errors: [401] }),
];
