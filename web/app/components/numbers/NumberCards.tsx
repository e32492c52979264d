import { useFetcher } from '@remix-run/react';
import { useEffect, useState } from 'react';
import type { NumberView } from '../../../../core/services/numbers/list-numbers';
import type { ActionResult } from '../../utils/action.server';
import type { loader } from '../../routes/app.$tenant.whatsapp.numbers';
import { ConfirmDialog } from '../Dialog';
import { NumberDialog } from './NumberDialog';

type AiAgentOption = { id: string; name: string; whatsappEnabled: boolean };

/** The WhatsApp page's number cards and the Connect New Number modal (data from the numbers resource route). */
export function NumberCards({ tenantSlug }: { tenantSlug: string }) {
  const endpoint = `/app/${tenantSlug}/whatsapp/numbers`;
  const list = useFetcher<typeof loader>({ key: `numbers-${tenantSlug}` });
  const [editing, setEditing] = useState<NumberView | 'new' | null>(null);
  useEffect(() => {
    if (list.state === 'idle' && !list.data) list.load(endpoint);
  }, [endpoint, list]);

  const data = list.data?.kind === 'numbers' ? list.data : null;
  return (
    <section aria-labelledby="numbers-title" className="numbers">
      <div className="page-header">
        <h2 id="numbers-title">Numbers</h2>
        {data?.canManage ? (
          <button type="button" onClick={() => setEditing('new')}>
            Connect New Number
          </button>
        ) : null}
      </div>
      {!data ? (
        <p className="muted" role="status">
          Loading numbers…
        </p>
      ) : data.numbers.length === 0 ? (
        <p className="empty">
          No WhatsApp numbers yet.{data.canManage ? ' Connect one to start receiving messages.' : ''}
        </p>
      ) : (
        <ul className="cards" aria-label="WhatsApp numbers">
          {data.numbers.map((n) => (
            <NumberCard
              // A changed number is a fresh card: an earlier toggle error no longer applies.
              key={`${n.id}:${n.active}:${n.aiAgent?.id ?? ''}:${n.displayName}`}
              number={n}
              endpoint={endpoint}
              canManage={data.canManage}
              onEdit={() => setEditing(n)}
            />
          ))}
        </ul>
      )}
      {editing && data ? (
        <NumberDialog
          endpoint={endpoint}
          tenantSlug={tenantSlug}
          number={editing === 'new' ? null : editing}
          aiAgents={data.aiAgents as AiAgentOption[]}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </section>
  );
}

function NumberCard({
  number,
  endpoint,
  canManage,
  onEdit,
}: {
  number: NumberView;
  endpoint: string;
  canManage: boolean;
  onEdit: () => void;
}) {
  const toggle = useFetcher<ActionResult>();
  const remove = useFetcher<ActionResult>();
  const [confirming, setConfirming] = useState(false);
  const toggleError = toggle.state === 'idle' && toggle.data && !toggle.data.ok ? toggle.data.error : null;
  const removeError = remove.state === 'idle' && remove.data && !remove.data.ok ? remove.data.error : null;
  const shownNumber = number.provider === 'meta' ? `Phone Number ID ${number.meta?.phoneNumberId}` : number.address;
  const webhookId = `webhook-${number.id}`;
  return (
    <li className="card-item number-card" aria-label={number.displayName}>
      <div className="card-title">
        <h3>{number.displayName}</h3>
        <span className={`pill ${number.active ? 'pill-connected' : 'pill-none'}`}>
          {number.active ? 'Active' : 'Inactive'}
        </span>
      </div>
      <dl className="facts">
        <dt>Number</dt>
        <dd>{shownNumber}</dd>
        <dt>Provider</dt>
        <dd>{number.provider === 'twilio' ? 'Twilio' : 'Meta Cloud API'}</dd>
        <dt>AI agent</dt>
        <dd>
          {number.aiAgent ? number.aiAgent.name : <span className="muted">None assigned</span>}
          {number.aiAgent && !number.aiAgent.whatsappEnabled ? (
            <span className="muted"> (WhatsApp off: it will not answer)</span>
          ) : null}
        </dd>
      </dl>
      <label className="webhook" htmlFor={webhookId}>
        Webhook URL <span className="muted">(set it at {number.provider === 'twilio' ? 'Twilio' : 'Meta'})</span>
      </label>
      <input
        id={webhookId}
        readOnly
        value={number.webhookUrl}
        className="webhook-url"
        onFocus={(e) => e.target.select()}
      />
      {toggleError ? (
        <p className="error" role="alert">
          {toggleError}
        </p>
      ) : null}
      {canManage ? (
        <div className="row">
          <toggle.Form method="post" action={endpoint}>
            <input type="hidden" name="intent" value="toggle" />
            <input type="hidden" name="id" value={number.id} />
            <input type="hidden" name="active" value={String(!number.active)} />
            <button type="submit" className="secondary" disabled={toggle.state !== 'idle'}>
              {toggle.state !== 'idle' ? 'Saving…' : number.active ? 'Deactivate' : 'Activate'}
            </button>
          </toggle.Form>
          <button type="button" className="secondary" onClick={onEdit}>
            Edit
          </button>
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            Delete
          </button>
        </div>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={`Delete ${number.displayName}?`}
        body={
          <>
            <p>
              {shownNumber} stops receiving messages here. Its past conversations stay readable. You can connect it
              again later.
            </p>
            {removeError ? (
              <p className="error" role="alert">
                {removeError}
              </p>
            ) : null}
          </>
        }
        confirmLabel="Delete number"
        busy={remove.state !== 'idle'}
        onConfirm={() => remove.submit({ intent: 'delete', id: number.id }, { method: 'post', action: endpoint })}
        onClose={() => setConfirming(false)}
      />
    </li>
  );
}
