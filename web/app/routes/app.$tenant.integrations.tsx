import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation, useSubmit } from '@remix-run/react';
import { useState } from 'react';
import { getTwilioCallbackWarning } from '../../../core/services/integrations/get-twilio-callback-warning';
import { checkTwilio } from '../../../core/services/integrations/check-twilio';
import { connectTwilio } from '../../../core/services/integrations/connect-twilio';
import { disconnectMeta } from '../../../core/services/integrations/disconnect-meta';
import { disconnectTwilio } from '../../../core/services/integrations/disconnect-twilio';
import { getIntegrations } from '../../../core/services/integrations/get-integrations';
import { saveMeta } from '../../../core/services/integrations/save-meta';
import { ConfirmDialog, FieldError } from '../components/Dialog';
import { runIntent, type ActionResult } from '../utils/action.server';
import { callFor, requireMember } from '../utils/auth.server';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.tenant, 'integration:manage');
  const call = callFor(request, context, member);
  const [integrations, twilioCallbackWarning] = await Promise.all([
    getIntegrations(context.deps, call),
    getTwilioCallbackWarning(context.deps, call.scope),
  ]);
  return json({ ...integrations, twilioCallbackWarning: twilioCallbackWarning ?? null });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.tenant, 'integration:manage');
  const call = callFor(request, context, member);
  const form = Object.fromEntries(await request.formData());
  const intent = String(form.intent ?? '');
  switch (intent) {
    case 'connect-twilio':
      return runIntent(intent, async () => {
        await connectTwilio(context.deps, { ...call, input: form });
        return 'Twilio is connected.';
      });
    case 'check-twilio':
      return runIntent(intent, async () => {
        const twilio = await checkTwilio(context.deps, call);
        return twilio.status === 'connected' ? 'Twilio accepted the saved credentials.' : undefined;
      });
    case 'disconnect-twilio':
      return runIntent(intent, async () => {
        await disconnectTwilio(context.deps, call);
        return 'Twilio is disconnected.';
      });
    case 'save-meta':
      return runIntent(intent, async () => {
        await saveMeta(context.deps, { ...call, input: form });
        return 'Meta settings saved.';
      });
    case 'disconnect-meta':
      return runIntent(intent, async () => {
        await disconnectMeta(context.deps, call);
        return 'Meta is disconnected.';
      });
    default:
      throw new Response(`Unknown action "${intent}"`, { status: 400 });
  }
}

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export default function Integrations() {
  const { twilio, meta, twilioCallbackWarning } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const [disconnecting, setDisconnecting] = useState<'twilio' | 'meta' | null>(null);
  const busyIntent = navigation.state === 'submitting' ? navigation.formData?.get('intent') : null;
  const fieldsFor = (intent: string) => (result && !result.ok && result.intent === intent ? result.fields : {});
  const errorFor = (intent: string) => (result && !result.ok && result.intent === intent ? result.error : null);
  const messageFor = (intent: string) => (result?.ok && result.intent === intent ? result.message : null);
  const twilioFields = fieldsFor('connect-twilio');
  const metaFields = fieldsFor('save-meta');

  return (
    <section>
      <h1>Integrations</h1>
      {twilioCallbackWarning ? (
        <p className="action-error" role="alert" data-testid="twilio-callback-warning">
          {twilioCallbackWarning}
        </p>
      ) : null}
      <p className="muted">
        Connect the providers that carry your WhatsApp numbers. Secrets are stored encrypted and never shown again.
      </p>

      <article className="panel" aria-labelledby="twilio-title">
        <header className="panel-header">
          <h2 id="twilio-title">Twilio</h2>
          <span className="badge-recommended">Recommended</span>
          <StatusBadge state={twilio.connected ? (twilio.status === 'invalid' ? 'invalid' : 'connected') : 'none'} />
        </header>
        {twilio.connected ? (
          <dl className="facts">
            <dt>Account SID</dt>
            <dd>
              <code>{twilio.accountSid}</code>
            </dd>
            <dt>Last checked</dt>
            <dd>{twilio.checkedAt ? `${dateFormat.format(new Date(twilio.checkedAt))} UTC` : 'never'}</dd>
            <dt>Webhook URL</dt>
            <dd>
              <code>{twilio.webhookUrl}</code>
              <div className="muted">
                Set it as “When a message comes in” on your WhatsApp sender in the Twilio Console.
              </div>
            </dd>
          </dl>
        ) : (
          <p className="muted">Not connected. Find your Account SID and Auth Token on the Twilio Console home page.</p>
        )}
        {twilio.status === 'invalid' ? (
          <p className="error" role="alert">
            Twilio no longer accepts the saved credentials (the Auth Token may have been rotated). Enter them again.
          </p>
        ) : null}
        <Notice error={errorFor('connect-twilio') ?? errorFor('check-twilio') ?? errorFor('disconnect-twilio')} />
        <Notice
          message={messageFor('connect-twilio') ?? messageFor('check-twilio') ?? messageFor('disconnect-twilio')}
        />
        <Form method="post" className="stack-form" noValidate key={`twilio-${twilio.checkedAt}`}>
          <input type="hidden" name="intent" value="connect-twilio" />
          <label>
            Account SID
            <input
              name="accountSid"
              autoComplete="off"
              placeholder="AC…"
              defaultValue={twilio.accountSid ?? ''}
              aria-invalid={!!twilioFields.accountSid}
              aria-describedby="accountSid-error"
            />
          </label>
          <FieldError id="accountSid-error" message={twilioFields.accountSid} />
          <label>
            Auth Token
            <input
              name="authToken"
              type="password"
              autoComplete="off"
              placeholder={twilio.connected ? 'Saved: enter a new one to replace it' : ''}
              aria-invalid={!!twilioFields.authToken}
              aria-describedby="authToken-error"
            />
          </label>
          <FieldError id="authToken-error" message={twilioFields.authToken} />
          <div className="row">
            <button type="submit" disabled={busyIntent === 'connect-twilio'}>
              {busyIntent === 'connect-twilio'
                ? 'Checking with Twilio…'
                : twilio.connected
                  ? 'Update credentials'
                  : 'Connect Twilio'}
            </button>
          </div>
        </Form>
        {twilio.connected ? (
          <div className="row">
            <Form method="post">
              <button type="submit" name="intent" value="check-twilio" className="secondary" disabled={!!busyIntent}>
                {busyIntent === 'check-twilio' ? 'Checking…' : 'Check again'}
              </button>
            </Form>
            <button type="button" className="danger" disabled={!!busyIntent} onClick={() => setDisconnecting('twilio')}>
              Disconnect
            </button>
          </div>
        ) : null}
      </article>

      <article className="panel" aria-labelledby="meta-title">
        <header className="panel-header">
          <h2 id="meta-title">Meta WhatsApp Cloud API</h2>
          <span className="muted">Legacy</span>
          <StatusBadge state={meta.connected ? 'connected' : 'none'} />
        </header>
        <p className="muted">
          For numbers connected directly to Meta. Paste the Callback URL and Verify Token below into your app’s WhatsApp
          → Configuration in Meta for Developers; the App Secret lets us check that webhooks come from Meta.
        </p>
        <dl className="facts">
          <dt>Callback URL</dt>
          <dd>
            <code>{meta.webhookUrl}</code>
          </dd>
          <dt>Verify Token</dt>
          <dd>
            {meta.verifyToken ? (
              <code>{meta.verifyToken}</code>
            ) : (
              <span className="muted">generated when you save the App Secret</span>
            )}
          </dd>
        </dl>
        <Notice error={errorFor('save-meta') ?? errorFor('disconnect-meta')} />
        <Notice message={messageFor('save-meta') ?? messageFor('disconnect-meta')} />
        <Form method="post" className="stack-form" noValidate key={`meta-${messageFor('save-meta')}`}>
          <input type="hidden" name="intent" value="save-meta" />
          <label>
            App Secret
            <input
              name="appSecret"
              type="password"
              autoComplete="off"
              placeholder={meta.connected ? 'Saved: enter a new one to replace it' : ''}
              aria-invalid={!!metaFields.appSecret}
              aria-describedby="appSecret-error"
            />
          </label>
          <FieldError id="appSecret-error" message={metaFields.appSecret} />
          <div className="row">
            <button type="submit" disabled={busyIntent === 'save-meta'}>
              {busyIntent === 'save-meta' ? 'Saving…' : 'Save App Secret'}
            </button>
          </div>
        </Form>
        {meta.connected ? (
          <div className="row">
            <button type="button" className="danger" disabled={!!busyIntent} onClick={() => setDisconnecting('meta')}>
              Disconnect
            </button>
          </div>
        ) : null}
      </article>
      <ConfirmDialog
        open={!!disconnecting}
        title={disconnecting === 'meta' ? 'Disconnect Meta?' : 'Disconnect Twilio?'}
        body={
          <p>
            {disconnecting === 'meta'
              ? 'The App Secret and the Verify Token are deleted; Meta webhooks will be refused.'
              : 'The saved Account SID and Auth Token are deleted.'}{' '}
            This is refused while numbers still use it.
          </p>
        }
        confirmLabel="Disconnect"
        onConfirm={() => {
          submit({ intent: `disconnect-${disconnecting}` }, { method: 'post' });
          setDisconnecting(null);
        }}
        onClose={() => setDisconnecting(null)}
      />
    </section>
  );
}

function StatusBadge({ state }: { state: 'connected' | 'invalid' | 'none' }) {
  const label = state === 'connected' ? 'Connected' : state === 'invalid' ? 'Invalid' : 'Not connected';
  return <span className={`pill pill-${state}`}>{label}</span>;
}

function Notice({ error, message }: { error?: string | null; message?: string | null }) {
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (message)
    return (
      <p className="success" role="status">
        {message}
      </p>
    );
  return null;
}
