import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useNavigation, useSearchParams } from '@remix-run/react';
import { z } from 'zod';
import { httpErrorOf } from '../../../core/errors';
import { logIn } from '../../../core/services/auth/log-in';
import { logInSchema } from '../../../core/services/auth/schemas';
import { parseInput } from '../../../core/validation';
import { cookieOptionsFor, getUserId } from '../utils/auth.server';
import { startSession } from '../../../core/auth/session';

const loginFormSchema = logInSchema.extend({ redirectTo: z.string().optional() });

/** Only same-site paths: an open redirect would let a link send people elsewhere after login. */
function safeRedirect(to: string | undefined): string {
  // Browsers read `/\host` like `//host`: a second slash or a backslash makes it another site.
  return to && to.startsWith('/') && !/^\/[/\\]/.test(to) ? to : '/';
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getUserId(request, context)) return redirect('/');
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = Object.fromEntries(await request.formData());
  // Sent back so the form keeps it: a failed sign-in must not make the person type it again.
  const email = typeof form.email === 'string' ? form.email.slice(0, 320) : '';
  let userId: string;
  let redirectTo: string | undefined;
  try {
    const { redirectTo: to, ...credentials } = parseInput(loginFormSchema, form);
    redirectTo = to;
    userId = await logIn(context.deps.db, { ...credentials, clientAddress: context.clientAddress });
  } catch (err) {
    const answer = httpErrorOf(err);
    if (!answer) throw err;
    // Field messages show beside the fields; only a refusal (wrong password, locked) shows on top.
    const fields = answer.body.fields;
    return json({ fields: fields ?? {}, error: fields ? null : answer.message, email }, { status: answer.status });
  }
  return redirect(safeRedirect(redirectTo), {
    headers: { 'Set-Cookie': await startSession(context.deps, userId, cookieOptionsFor(request)) },
  });
}

export default function Login() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== 'idle';
  const fields: Record<string, string | undefined> = data?.fields ?? {};
  return (
    <main className="centered">
      <Form method="post" className="card login">
        <h1>Helios WhatsApp</h1>
        <p className="muted">Sign in to your inbox</p>
        {data?.error ? (
          <p role="alert" className="error">
            {data.error}
          </p>
        ) : null}
        <label>
          Email
          <input
            name="email"
            type="email"
            autoComplete="email"
            required
            defaultValue={data?.email ?? ''}
            aria-invalid={!!fields.email}
          />
        </label>
        {fields.email ? <p className="field-error">{fields.email}</p> : null}
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {fields.password ? <p className="field-error">{fields.password}</p> : null}
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </Form>
    </main>
  );
}
