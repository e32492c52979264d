import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import {
  isRouteErrorResponse,
  Link,
  useFetcher,
  useLoaderData,
  useNavigation,
  useParams,
  useRevalidator,
  useRouteError,
} from '@remix-run/react';
import { connectUnroutedNumber } from '../../../core/services/inbound/connect-unrouted-number';
import { deliverUnroutedMessages } from '../../../core/services/inbound/deliver-unrouted-messages';
import { listUnroutedMessages, type UnroutedNumberView } from '../../../core/services/inbound/list-unrouted-messages';
import { FieldError } from '../components/Dialog';
import { runIntent, type ActionResult } from '../utils/action.server';
import { callFor, requireMember } from '../utils/auth.server';
import { useLiveRevalidation } from '../utils/live';

/** Messages customers sent to numbers this tenant has not connected: kept until someone connects the number. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.tenant, 'number:manage');
  return json(await listUnroutedMessages(context.deps.db, member.membership.tenantId));
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.tenant, 'number:manage');
  const form = Object.fromEntries(await request.formData()) as Record<string, string>;
  const { intent, ...input } = form;
  const { scope } = callFor(request, context, member);
  if (intent === 'connect')
    return runIntent(intent, async () => {
      const { number, delivered, pending } = await connectUnroutedNumber(context.deps, scope, input);
      return pending ?? `Connected "${number.displayName}"; ${delivered} message(s) moved to the inbox.`;
    });
  if (intent === 'deliver')
    return runIntent(intent, async () => {
      const { delivered } = await deliverUnroutedMessages(context.deps, scope.tenantId, input.address ?? '');
      return `${delivered} message(s) moved to the inbox.`;
    });
  throw new Response(`Unknown action "${intent}"`, { status: 400 });
}

const timeFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export default function UnroutedMessages() {
  const { numbers, limit } = useLoaderData<typeof loader>();
  const { tenant } = useParams();
  useLiveRevalidation(tenant!, (event) => event.type === 'notification');
  // A live reload or a navigation back here: the list shown may be about to change.
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const loading = revalidator.state === 'loading' || navigation.state === 'loading';
  return (
    <section className="unrouted-page" aria-busy={loading}>
      <div className="page-header">
        <h1>Messages to unconnected numbers</h1>
        {loading ? <span className="muted">Loading…</span> : null}
      </div>
      <p className="muted">
        Customers wrote to these numbers through your Twilio account or Meta app, but they are not connected here. The
        messages are kept (the newest {limit}) until you connect the number; then they appear in the inbox.
      </p>
      {numbers.length === 0 ? (
        <p className="empty">No messages to unconnected numbers.</p>
      ) : (
        <ul className="cards" aria-label="Unconnected numbers">
          {numbers.map((n) => (
            <UnroutedNumber key={n.address} number={n} />
          ))}
        </ul>
      )}
    </section>
  );
}

function UnroutedNumber({ number: n }: { number: UnroutedNumberView }) {
  const fetcher = useFetcher<ActionResult>();
  const busy = fetcher.state !== 'idle';
  const result = fetcher.state === 'idle' ? fetcher.data : undefined;
  const fields = result && !result.ok ? result.fields : {};
  const shown = n.phoneNumberId ? `Meta Phone Number ID ${n.phoneNumberId}` : n.address;
  const id = n.address.replace(/\W/g, '');
  return (
    <li className="card-item" aria-label={shown}>
      <div className="card-title">
        <h2>{shown}</h2>
        <span className="pill">{n.messages.length === 1 ? '1 message' : `${n.messages.length} messages`}</span>
      </div>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th>From</th>
              <th>Message</th>
              <th>Received (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {n.messages.map((m) => (
              <tr key={m.id}>
                <td>
                  {m.profileName ? `${m.profileName} · ` : ''}
                  {m.from.replace('whatsapp:', '')}
                </td>
                <td>
                  {m.text}
                  {m.media > 0 ? <span className="muted"> ({m.media} attachment(s))</span> : null}
                </td>
                <td>{timeFormat.format(new Date(m.receivedAt))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {n.connectedAs ? (
        <fetcher.Form method="post">
          <input type="hidden" name="intent" value="deliver" />
          <input type="hidden" name="address" value={n.address} />
          <p className="muted">Connected since as “{n.connectedAs}”.</p>
          <button type="submit" disabled={busy}>
            {busy ? 'Moving…' : 'Move the messages to the inbox'}
          </button>
        </fetcher.Form>
      ) : (
        <fetcher.Form method="post" className="unrouted-connect">
          <input type="hidden" name="intent" value="connect" />
          <input type="hidden" name="provider" value={n.provider} />
          {n.phoneNumberId ? (
            <input type="hidden" name="phoneNumberId" value={n.phoneNumberId} />
          ) : (
            <input type="hidden" name="address" value={n.address} />
          )}
          <label>
            Display Name
            <input
              name="displayName"
              aria-describedby={`${id}-displayName-error`}
              aria-invalid={!!fields.displayName}
            />
          </label>
          <FieldError id={`${id}-displayName-error`} message={fields.displayName} />
          {n.phoneNumberId ? (
            <>
              <label>
                Access Token
                <input
                  name="accessToken"
                  type="password"
                  autoComplete="off"
                  aria-describedby={`${id}-accessToken-error`}
                  aria-invalid={!!fields.accessToken}
                />
              </label>
              <FieldError id={`${id}-accessToken-error`} message={fields.accessToken} />
            </>
          ) : null}
          <FieldError id={`${id}-address-error`} message={fields.address ?? fields.phoneNumberId} />
          <button type="submit" disabled={busy}>
            {busy ? 'Connecting…' : 'Connect this number'}
          </button>
          <p className="muted small">
            It is connected inactive, without an AI agent: assign one on the number card to let the AI answer.
          </p>
        </fetcher.Form>
      )}
      {result?.ok && result.message ? <p role="status">{result.message}</p> : null}
      {result && !result.ok ? (
        <p className="action-error" role="alert">
          {result.error}
        </p>
      ) : null}
    </li>
  );
}

/** The list could not be loaded (a role without number:manage, the database not answering): said in the page, with the way on. */
export function ErrorBoundary() {
  const error = useRouteError();
  const { tenant } = useParams();
  const message = isRouteErrorResponse(error)
    ? typeof error.data === 'string' && error.data
      ? error.data
      : `The messages could not be shown (HTTP ${error.status}).`
    : 'Something went wrong while showing these messages. Try again in a moment.';
  return (
    <section className="unrouted-page">
      <h1>Messages to unconnected numbers</h1>
      <p className="action-error" role="alert">
        {message}
      </p>
      <Link to={`/app/${tenant}/whatsapp`}>Back to conversations</Link>
    </section>
  );
}
