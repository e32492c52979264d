import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { clearedCookie, endSession, endSessionsOf, sessionOf } from '../../../core/auth/session';
import { cookieOptionsFor } from '../utils/auth.server';

/** Ends this session, or with `everywhere` every session of the user (every device, this one included). */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const cookie = request.headers.get('Cookie');
  const options = cookieOptionsFor(request);
  let setCookie: string;
  if (form.get('everywhere')) {
    const session = await sessionOf(context.deps, cookie);
    if (session) await endSessionsOf(context.deps.db, session.userId);
    setCookie = await clearedCookie(context.deps, options);
  } else {
    setCookie = await endSession(context.deps, cookie, options);
  }
  return redirect('/login', { headers: { 'Set-Cookie': setCookie } });
}

export const loader = () => redirect('/');
