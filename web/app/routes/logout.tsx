import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { sessionStorageFor } from '../utils/session.server';

export async function action({ request, context }: ActionFunctionArgs) {
  const storage = sessionStorageFor(context.deps.config);
  const session = await storage.getSession(request.headers.get('Cookie'));
  return redirect('/login', { headers: { 'Set-Cookie': await storage.destroySession(session) } });
}

export const loader = () => redirect('/');
