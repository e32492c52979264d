import { Link, useFetcher } from '@remix-run/react';
import { useEffect, useState } from 'react';
import type { NumberView } from '../../../../core/services/numbers/list-numbers';
import type { ActionResult } from '../../utils/action.server';
import type { loader } from '../../routes/app.$tenant.whatsapp.numbers';
import { Dialog, FieldError } from '../Dialog';
import { MANUAL_ENTRY } from './constants';

type AiAgentOption = { id: string; name: string; whatsappEnabled: boolean };

/**
 * Connect New Number / Edit, as the product spec says: Display Name, Assigned
 * AI agent (WhatsApp-enabled ones only; required if Active), Active; then the
 * provider's fields. Validation messages come from the server, next to each field.
 */
export function NumberDialog({
  endpoint,
  tenantSlug,
  number,
  aiAgents,
  onClose,
}: {
  endpoint: string;
  tenantSlug: string;
  number: NumberView | null;
  aiAgents: AiAgentOption[];
  onClose: () => void;
}) {
  const save = useFetcher<ActionResult>();
  const choices = useFetcher<typeof loader>();
  const [provider, setProvider] = useState<'twilio' | 'meta'>(number?.provider ?? 'twilio');
  const [twilioNumber, setTwilioNumber] = useState(number?.provider === 'twilio' ? number.address : '');
  const [active, setActive] = useState(number?.active ?? false);

  useEffect(() => {
    if (provider === 'twilio' && choices.state === 'idle' && !choices.data) choices.load(`${endpoint}?twilioChoices`);
  }, [provider, choices, endpoint]);
  useEffect(() => {
    if (save.state === 'idle' && save.data?.ok) onClose();
  }, [save.state, save.data, onClose]);

  const result = save.state === 'idle' ? save.data : undefined;
  // A field's message goes away as soon as the person changes that field.
  const [edited, setEdited] = useState<Set<string>>(new Set());
  useEffect(() => setEdited(new Set()), [save.data]);
  const fields = Object.fromEntries(
    Object.entries(result && !result.ok ? result.fields : {}).filter(([name]) => !edited.has(name)),
  );
  const formError = result && !result.ok && Object.keys(result.fields).length === 0 ? result.error : null;
  const twilio = choices.data?.kind === 'twilio-choices' ? choices.data.choices : null;
  const offered = aiAgents.filter((a) => a.whatsappEnabled || a.id === number?.aiAgent?.id);
  const listed = twilio?.twilio === 'connected' ? twilio.numbers : [];
  const editingUnlisted = !!number && number.provider === 'twilio' && !listed.some((c) => c.address === number.address);

  return (
    <Dialog
      open
      onClose={onClose}
      title={number ? `Edit ${number.displayName}` : 'Connect New Number'}
      className="wide"
    >
      <save.Form
        method="post"
        action={endpoint}
        className="stack-form"
        noValidate
        onChange={(e) => {
          const name = (e.target as HTMLInputElement).name;
          const field = name === 'twilioNumber' || name === 'manualAddress' ? 'address' : name;
          setEdited((prev) => new Set(prev).add(field));
        }}
      >
        <input type="hidden" name="intent" value={number ? 'update' : 'connect'} />
        {number ? <input type="hidden" name="id" value={number.id} /> : null}
        {formError ? (
          <p className="error" role="alert">
            {formError}
          </p>
        ) : null}

        <label>
          Display Name
          <input
            name="displayName"
            defaultValue={number?.displayName}
            placeholder="Sales Support"
            aria-required="true"
            aria-invalid={!!fields.displayName}
            aria-describedby="displayName-error"
          />
        </label>
        <FieldError id="displayName-error" message={fields.displayName} />

        <label>
          Assigned AI agent {active ? <span className="muted">(required when Active)</span> : null}
          <select
            name="aiAgentId"
            defaultValue={number?.aiAgent?.id ?? ''}
            aria-invalid={!!fields.aiAgentId}
            aria-describedby="aiAgentId-error"
          >
            <option value="">— None —</option>
            {offered.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        {offered.length === 0 ? (
          <p className="muted">
            No AI agent has WhatsApp enabled yet: <Link to={`/app/${tenantSlug}/agents`}>create one in Agents</Link>.
          </p>
        ) : null}
        <FieldError id="aiAgentId-error" message={fields.aiAgentId} />

        <label className="checkbox">
          <input type="checkbox" name="active" checked={active} onChange={(e) => setActive(e.target.checked)} />
          Active (answers customers with the assigned AI agent)
        </label>
        <FieldError id="active-error" message={fields.active} />

        <fieldset>
          <legend>Provider</legend>
          <label className="checkbox">
            <input
              type="radio"
              name="provider"
              value="twilio"
              checked={provider === 'twilio'}
              onChange={() => setProvider('twilio')}
            />
            Twilio (recommended)
          </label>
          <label className="checkbox">
            <input
              type="radio"
              name="provider"
              value="meta"
              checked={provider === 'meta'}
              onChange={() => setProvider('meta')}
            />
            Meta Cloud API (legacy)
          </label>
        </fieldset>
        <FieldError id="provider-error" message={fields.provider} />

        {provider === 'twilio' ? (
          <div className="provider-fields">
            {!twilio ? (
              <p className="muted" role="status">
                Loading your Twilio numbers…
              </p>
            ) : twilio.twilio === 'not-connected' ? (
              <p className="notice" role="status">
                No numbers appear: check Twilio in <Link to={`/app/${tenantSlug}/integrations`}>Integrations</Link>.
              </p>
            ) : (
              <>
                {twilio.twilio === 'unavailable' ? (
                  <p className="error" role="alert">
                    {twilio.error}
                  </p>
                ) : null}
                <label>
                  WhatsApp number
                  <select
                    name="twilioNumber"
                    value={twilioNumber}
                    onChange={(e) => setTwilioNumber(e.target.value)}
                    aria-invalid={!!fields.address && twilioNumber !== MANUAL_ENTRY}
                    aria-describedby="address-error"
                  >
                    <option value="">Choose a number…</option>
                    {editingUnlisted ? <option value={number!.address}>{number!.address}</option> : null}
                    {listed.map((c) => {
                      const takenElsewhere = !!c.connectedAs && c.address !== number?.address;
                      return (
                        <option key={c.address} value={c.address} disabled={takenElsewhere}>
                          {c.address}
                          {c.sources.includes('whatsapp-sender') ? ' · WhatsApp sender' : ''}
                          {takenElsewhere ? ` · already connected as ${c.connectedAs}` : ''}
                        </option>
                      );
                    })}
                    <option value={MANUAL_ENTRY}>Not listed: enter it by hand…</option>
                  </select>
                </label>
                {twilioNumber === MANUAL_ENTRY ? (
                  <label>
                    Number
                    <input
                      name="manualAddress"
                      placeholder="whatsapp:+1234567890"
                      inputMode="tel"
                      aria-invalid={!!fields.address}
                      aria-describedby="address-error"
                    />
                  </label>
                ) : null}
                <FieldError id="address-error" message={fields.address} />
              </>
            )}
          </div>
        ) : (
          <div className="provider-fields">
            <label>
              Phone Number ID
              <input
                name="phoneNumberId"
                inputMode="numeric"
                defaultValue={number?.meta?.phoneNumberId}
                aria-required="true"
                aria-invalid={!!fields.phoneNumberId}
                aria-describedby="phoneNumberId-error"
              />
            </label>
            <FieldError id="phoneNumberId-error" message={fields.phoneNumberId} />
            <label>
              Business Account ID <span className="muted">(optional)</span>
              <input
                name="businessAccountId"
                inputMode="numeric"
                defaultValue={number?.meta?.businessAccountId ?? ''}
                aria-invalid={!!fields.businessAccountId}
                aria-describedby="businessAccountId-error"
              />
            </label>
            <FieldError id="businessAccountId-error" message={fields.businessAccountId} />
            <label>
              Access Token
              <input
                name="accessToken"
                type="password"
                autoComplete="off"
                placeholder={number?.meta?.accessTokenSet ? 'Saved: leave blank to keep it' : ''}
                aria-required={!number?.meta?.accessTokenSet}
                aria-invalid={!!fields.accessToken}
                aria-describedby="accessToken-error"
              />
            </label>
            <FieldError id="accessToken-error" message={fields.accessToken} />
            <p className="muted">The token is stored encrypted and never shown again.</p>
          </div>
        )}

        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" disabled={save.state !== 'idle'}>
            {save.state !== 'idle' ? 'Saving…' : number ? 'Save changes' : 'Connect number'}
          </button>
        </div>
      </save.Form>
    </Dialog>
  );
}
