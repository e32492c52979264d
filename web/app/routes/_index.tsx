import { redirect, type LoaderFunctionArgs } from '@remix-run/node';
import { listMemberships } from '../../../core/services/auth/memberships';
import { requireUserId } from '../utils/auth.server';

/** `/` → the user's first tenant inbox, or the login page. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const userId = await requireUserId(request, context);
  const [first] = await listMemberships(context.deps.db, userId);
  if (!first) throw new Response('Your account belongs to no tenant yet.', { status: 403 });
  return redirect(`/app/${first.tenantSlug}/whatsapp`);
}
