import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useState } from 'react';
import { can } from '../../../core/auth/permissions';
import { createAiAgent } from '../../../core/services/agents/create-ai-agent';
import { deleteAiAgent } from '../../../core/services/agents/delete-ai-agent';
import { listAiAgents, type AiAgentView } from '../../../core/services/agents/list-ai-agents';
import { updateAiAgent } from '../../../core/services/agents/update-ai-agent';
import { DEFAULT_AI_MODEL } from '../../../core/services/agents/schemas';
import { ConfirmDialog, Dialog, FieldError } from '../components/Dialog';
import { runIntent } from '../utils/action.server';
import { callFor, requireMember } from '../utils/auth.server';
import { useConfirmedDelete, useDialogForm } from '../utils/form-dialogs';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.tenant, 'ai-agent:read');
  return json({
    aiAgents: await listAiAgents(context.deps, callFor(request, context, member)),
    canManage: can(member.membership.role, 'ai-agent:manage'),
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.tenant, 'ai-agent:manage');
  const call = callFor(request, context, member);
  const form = Object.fromEntries(await request.formData());
  const intent = String(form.intent ?? '');
  const { deps } = context;
  if (intent === 'create')
    return runIntent(intent, async () => {
      const agent = await createAiAgent(deps, { ...call, input: form });
      return `AI agent "${agent.name}" created.`;
    });
  if (intent === 'update')
    return runIntent(intent, async () => {
      const agent = await updateAiAgent(deps, { ...call, id: String(form.id), input: form });
      return `AI agent "${agent.name}" saved.`;
    });
  if (intent === 'delete')
    return runIntent(intent, async () => {
      await deleteAiAgent(deps, { ...call, id: String(form.id) });
      return 'AI agent deleted.';
    });
  throw new Response(`Unknown action "${intent}"`, { status: 400 });
}

export default function AiAgents() {
  const { aiAgents, canManage } = useLoaderData<typeof loader>();
  const [editing, setEditing] = useState<AiAgentView | 'new' | null>(null);
  const deleting = useConfirmedDelete<AiAgentView>();

  return (
    <section>
      <div className="page-header">
        <h1>AI Agents</h1>
        {canManage ? (
          <button type="button" onClick={() => setEditing('new')}>
            New AI agent
          </button>
        ) : null}
      </div>
      <p className="muted">Each WhatsApp number answers with the AI agent assigned to it.</p>
      {aiAgents.length === 0 ? (
        <p className="empty">
          No AI agents yet.{canManage ? ' Create one, then assign it to a number on the WhatsApp page.' : ''}
        </p>
      ) : (
        <ul className="cards" aria-label="AI agents">
          {aiAgents.map((agent) => (
            <li key={agent.id} className="card-item" aria-label={agent.name}>
              <div className="card-title">
                <h2>{agent.name}</h2>
                <span className={`pill ${agent.whatsappEnabled ? 'pill-connected' : 'pill-none'}`}>
                  WhatsApp {agent.whatsappEnabled ? 'on' : 'off'}
                </span>
              </div>
              <div className="muted">Model: {agent.model}</div>
              <p className="prompt">{agent.systemPrompt}</p>
              <div className="muted">
                {agent.numbers.length === 0
                  ? 'Not assigned to any number'
                  : `Answers on: ${agent.numbers.map((n) => `${n.displayName}${n.active ? '' : ' (inactive)'}`).join(', ')}`}
              </div>
              {canManage ? (
                <div className="row">
                  <button type="button" className="secondary" onClick={() => setEditing(agent)}>
                    Edit
                  </button>
                  <button type="button" className="danger" onClick={() => deleting.ask(agent)}>
                    Delete
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {editing ? <AiAgentDialog agent={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
      <ConfirmDialog
        open={!!deleting.target}
        title={`Delete ${deleting.target?.name ?? 'AI agent'}?`}
        body={
          <>
            <p>The AI agent is removed; inactive numbers that used it are left without one.</p>
            {deleting.error ? (
              <p className="error" role="alert">
                {deleting.error}
              </p>
            ) : null}
          </>
        }
        confirmLabel="Delete AI agent"
        busy={deleting.busy}
        onConfirm={deleting.confirm}
        onClose={deleting.close}
      />
    </section>
  );
}

function AiAgentDialog({ agent, onClose }: { agent: AiAgentView | null; onClose: () => void }) {
  const { fetcher, fields, formError, busy } = useDialogForm(onClose);
  return (
    <Dialog open onClose={onClose} title={agent ? `Edit ${agent.name}` : 'New AI agent'}>
      <fetcher.Form method="post" className="stack-form" noValidate>
        <input type="hidden" name="intent" value={agent ? 'update' : 'create'} />
        {agent ? <input type="hidden" name="id" value={agent.id} /> : null}
        {formError ? (
          <p className="error" role="alert">
            {formError}
          </p>
        ) : null}
        <label>
          Name
          <input name="name" defaultValue={agent?.name} aria-invalid={!!fields.name} aria-describedby="name-error" />
        </label>
        <FieldError id="name-error" message={fields.name} />
        <label>
          System prompt
          <textarea
            name="systemPrompt"
            rows={6}
            defaultValue={agent?.systemPrompt}
            placeholder="You are the friendly assistant of … Answer in the customer's language."
            aria-invalid={!!fields.systemPrompt}
            aria-describedby="systemPrompt-error"
          />
        </label>
        <FieldError id="systemPrompt-error" message={fields.systemPrompt} />
        <label>
          Model
          <input
            name="model"
            defaultValue={agent?.model ?? DEFAULT_AI_MODEL}
            aria-invalid={!!fields.model}
            aria-describedby="model-error"
          />
        </label>
        <FieldError id="model-error" message={fields.model} />
        <fieldset>
          <legend>Channels</legend>
          <label className="checkbox">
            <input type="checkbox" name="whatsappEnabled" defaultChecked={agent ? agent.whatsappEnabled : true} />
            WhatsApp enabled
          </label>
        </fieldset>
        <FieldError id="whatsappEnabled-error" message={fields.whatsappEnabled} />
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" disabled={busy}>
            {busy ? 'Saving…' : agent ? 'Save' : 'Create AI agent'}
          </button>
        </div>
      </fetcher.Form>
    </Dialog>
  );
}
