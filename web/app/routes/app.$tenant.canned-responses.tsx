import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useState } from 'react';
import { createCannedResponse } from '../../../core/services/canned-responses/create-canned-response';
import { deleteCannedResponse } from '../../../core/services/canned-responses/delete-canned-response';
import {
  listCannedResponses,
  type CannedResponseView,
} from '../../../core/services/canned-responses/list-canned-responses';
import { PLACEHOLDERS } from '../../../core/services/canned-responses/placeholders';
import { updateCannedResponse } from '../../../core/services/canned-responses/update-canned-response';
import { ConfirmDialog, Dialog, FieldError } from '../components/Dialog';
import { runIntent } from '../utils/action.server';
import { callFor, requireMember } from '../utils/auth.server';
import { useConfirmedDelete, useDialogForm } from '../utils/form-dialogs';

/** Owners and admins keep the tenant's saved replies here; every member inserts them with `/` in a chat. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.tenant, 'canned-response:manage');
  return json({ cannedResponses: await listCannedResponses(context.deps, callFor(request, context, member)) });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.tenant, 'canned-response:manage');
  const call = callFor(request, context, member);
  const form = Object.fromEntries(await request.formData());
  const intent = String(form.intent ?? '');
  const { deps } = context;
  if (intent === 'create')
    return runIntent(intent, async () => {
      const created = await createCannedResponse(deps, { ...call, input: form });
      return `Canned response "${created.title}" created.`;
    });
  if (intent === 'update')
    return runIntent(intent, async () => {
      const saved = await updateCannedResponse(deps, { ...call, id: String(form.id), input: form });
      return `Canned response "${saved.title}" saved.`;
    });
  if (intent === 'delete')
    return runIntent(intent, async () => {
      await deleteCannedResponse(deps, { ...call, id: String(form.id) });
      return 'Canned response deleted.';
    });
  throw new Response(`Unknown action "${intent}"`, { status: 400 });
}

export default function CannedResponses() {
  const { cannedResponses } = useLoaderData<typeof loader>();
  const [editing, setEditing] = useState<CannedResponseView | 'new' | null>(null);
  const deleting = useConfirmedDelete<CannedResponseView>();

  return (
    <section>
      <div className="page-header">
        <h1>Canned responses</h1>
        <button type="button" onClick={() => setEditing('new')}>
          New canned response
        </button>
      </div>
      <p className="muted">
        Saved replies for the whole team: type <kbd>/</kbd> at the start of a reply in a chat to insert one.
        Placeholders are filled for the conversation: <PlaceholderList />.
      </p>
      {cannedResponses.length === 0 ? (
        <p className="empty">No canned responses yet. Create one for the questions your team answers every day.</p>
      ) : (
        <ul className="cards" aria-label="Canned responses">
          {cannedResponses.map((c) => (
            <li key={c.id} className="card-item" aria-label={c.title}>
              <div className="card-title">
                <h2>{c.title}</h2>
              </div>
              <p className="prompt">{c.text}</p>
              <div className="row">
                <button type="button" className="secondary" onClick={() => setEditing(c)}>
                  Edit
                </button>
                <button type="button" className="danger" onClick={() => deleting.ask(c)}>
                  Delete
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {editing ? (
        <CannedResponseDialog cannedResponse={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
      <ConfirmDialog
        open={!!deleting.target}
        title={`Delete ${deleting.target?.title ?? 'canned response'}?`}
        body={
          <>
            <p>Nobody can insert it any more; messages already sent with it stay as they are.</p>
            {deleting.error ? (
              <p className="error" role="alert">
                {deleting.error}
              </p>
            ) : null}
          </>
        }
        confirmLabel="Delete canned response"
        busy={deleting.busy}
        onConfirm={deleting.confirm}
        onClose={deleting.close}
      />
    </section>
  );
}

function PlaceholderList() {
  return (
    <>
      {PLACEHOLDERS.map((p, i) => (
        <span key={p}>
          {i > 0 ? ', ' : ''}
          <code>{`{{${p}}}`}</code>
        </span>
      ))}
    </>
  );
}

function CannedResponseDialog({
  cannedResponse,
  onClose,
}: {
  cannedResponse: CannedResponseView | null;
  onClose: () => void;
}) {
  const { fetcher, fields, formError, busy } = useDialogForm(onClose);
  return (
    <Dialog open onClose={onClose} title={cannedResponse ? `Edit ${cannedResponse.title}` : 'New canned response'}>
      <fetcher.Form method="post" className="stack-form" noValidate>
        <input type="hidden" name="intent" value={cannedResponse ? 'update' : 'create'} />
        {cannedResponse ? <input type="hidden" name="id" value={cannedResponse.id} /> : null}
        {formError ? (
          <p className="error" role="alert">
            {formError}
          </p>
        ) : null}
        <label>
          Title
          <input
            name="title"
            defaultValue={cannedResponse?.title}
            placeholder="Opening hours"
            aria-invalid={!!fields.title}
            aria-describedby="title-error"
          />
        </label>
        <FieldError id="title-error" message={fields.title} />
        <label>
          Text
          <textarea
            name="text"
            rows={5}
            defaultValue={cannedResponse?.text}
            placeholder="Hi {{customer.name}}, we are open Monday to Friday, 9:00 to 18:00. — {{agent.name}}"
            aria-invalid={!!fields.text}
            aria-describedby="text-hint text-error"
          />
        </label>
        <p id="text-hint" className="muted">
          Placeholders: <PlaceholderList />
        </p>
        <FieldError id="text-error" message={fields.text} />
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" disabled={busy}>
            {busy ? 'Saving…' : cannedResponse ? 'Save' : 'Create canned response'}
          </button>
        </div>
      </fetcher.Form>
    </Dialog>
  );
}
