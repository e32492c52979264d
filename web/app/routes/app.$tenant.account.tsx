import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { sessionOf } from '../../../core/auth/session';
import { fieldsNeedAttention } from '../../../core/errors';
import { changePassword } from '../../../core/services/auth/change-password';
import { getProfile } from '../../../core/services/auth/get-profile';
import { FieldError } from '../components/Dialog';
import { runIntent, type ActionResult } from '../utils/action.server';
import { requireMember } from '../utils/auth.server';

/** The signed-in person's own account: who they are, and their password. Every role has one. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.tenant);
  const profile = await getProfile(context.deps, member.userId);
  if (!profile) throw redirect('/login');
  return json(profile);
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  await requireMember(request, context, params.tenant);
  const session = await sessionOf(context.deps, request.headers.get('Cookie'));
  if (!session) throw redirect('/login');
  const form = Object.fromEntries(await request.formData());
  return runIntent('change-password', async () => {
    // Typing the new password twice is the form's safeguard; the service (and the JSON API) take it once.
    if (form.newPassword !== form.confirmPassword) {
      throw fieldsNeedAttention({ confirmPassword: 'The two new passwords are not the same' });
    }
    await changePassword(context.deps.db, session, form);
    return 'Your password is changed. Your other sessions (other browsers and devices) were signed out; this one stays signed in.';
  });
}

export default function Account() {
  const { email, name } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const busy = useNavigation().state === 'submitting';
  const fields = result && !result.ok ? result.fields : {};
  const field = (id: string, label: string, autoComplete: string) => (
    <>
      <label>
        {label}
        <input
          name={id}
          type="password"
          autoComplete={autoComplete}
          aria-invalid={!!fields[id]}
          aria-describedby={`${id}-error`}
        />
      </label>
      <FieldError id={`${id}-error`} message={fields[id]} />
    </>
  );
  return (
    <section>
      <h1>Account</h1>
      <dl className="facts">
        <dt>Name</dt>
        <dd>{name}</dd>
        <dt>Email</dt>
        <dd>{email}</dd>
      </dl>
      <article className="panel" aria-labelledby="password-title">
        <header className="panel-header">
          <h2 id="password-title">Change password</h2>
        </header>
        {result && !result.ok ? (
          <p className="error" role="alert">
            {result.error}
          </p>
        ) : null}
        {result?.ok ? (
          <p className="success" role="status">
            {result.message}
          </p>
        ) : null}
        {/* A new key after success empties the fields. */}
        <Form method="post" className="stack-form" noValidate key={result?.ok ? 'changed' : 'form'}>
          {field('currentPassword', 'Current password', 'current-password')}
          {field('newPassword', 'New password', 'new-password')}
          {field('confirmPassword', 'New password again', 'new-password')}
          <p className="muted">At least 8 characters. Changing it signs you out everywhere else.</p>
          <div className="row">
            <button type="submit" disabled={busy}>
              {busy ? 'Changing…' : 'Change password'}
            </button>
          </div>
        </Form>
      </article>
    </section>
  );
}
