import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node';
import { isRouteErrorResponse, Link, useLoaderData, useNavigation, useParams, useRouteError } from '@remix-run/react';
import { can } from '../../../core/auth/permissions';
import { actOnConversation, type ConversationAction } from '../../../core/services/conversations/act-on-conversation';
import { getProfile } from '../../../core/services/auth/get-profile';
import { listCannedResponses } from '../../../core/services/canned-responses/list-canned-responses';
import { getConversation } from '../../../core/services/conversations/get-conversation';
import { listSentTemplateIds } from '../../../core/services/conversations/list-sent-template-ids';
import { markConversationSeen } from '../../../core/services/conversations/mark-conversation-seen';
import { temporalUiWorkflowUrl } from '../../../core/temporal/ui-link';
import { SERVICE_WINDOW_MS } from '../../../workflows/thread-state';
import { ChatSubtitle } from '../components/chat/ChatSubtitle';
import { Composer } from '../components/chat/Composer';
import { ConversationActions } from '../components/chat/ConversationActions';
import { InsightsPanel } from '../components/chat/InsightsPanel';
import { Thread } from '../components/chat/Thread';
import { asHttpError, runIntent } from '../utils/action.server';
import { callFor, requireMember } from '../utils/auth.server';
import { useLiveRevalidation } from '../utils/live';
import chatStylesHref from '../components/chat/chat.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: chatStylesHref }];

const PAGE_SIZE = 50;

/** The conversation and its newest messages; `?before=` pages back through older ones (load on scroll). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.tenant, 'conversation:read');
  const { membership } = member;
  const call = callFor(request, context, member);
  const before = new URL(request.url).searchParams.get('before') ?? undefined;
  const { deps } = context;
  const data = await getConversation(deps, { ...call, id: params.id!, input: { limit: PAGE_SIZE, before } }).catch(
    asHttpError,
  );
  await markConversationSeen(deps, { ...call, id: data.conversation.id });
  const lastInbound = data.conversation.lastInboundAt ? Date.parse(data.conversation.lastInboundAt) : null;
  const windowOpen = lastInbound !== null && Date.now() - lastInbound < SERVICE_WINDOW_MS;
  // Templates this tenant has sent before, for typing one by hand (docs/decisions/0040); only
  // looked up when the template form shows, not on every live reload of an open chat.
  const knownTemplates =
    !windowOpen && data.conversation.status === 'open' ? await listSentTemplateIds(deps, call) : [];
  const canHandle = can(membership.role, 'conversation:handle');
  // The composer's `/` list, and who "{{agent.name}}" is: the person signed in.
  const [cannedResponses, profile] = canHandle
    ? await Promise.all([listCannedResponses(deps, call), getProfile(deps, member.userId)])
    : [[], null];
  return json({
    ...data,
    windowOpen,
    knownTemplates,
    cannedResponses,
    agentName: profile?.name ?? null,
    canHandle,
    canDelete: can(membership.role, 'conversation:delete'),
    workflowUrl: can(membership.role, 'workflow:inspect')
      ? temporalUiWorkflowUrl(deps.config, data.conversation.threadId)
      : null,
  });
}

const INTENTS: Record<string, ConversationAction['kind']> = {
  send: 'send',
  template: 'send',
  ai: 'setAi',
  close: 'close',
  archive: 'archive',
  reopen: 'reopen',
  insights: 'insights',
  delete: 'delete',
};

const DONE: Record<string, string> = {
  send: 'Sent.',
  template: 'Template sent.',
  close: 'Conversation closed.',
  archive: 'Conversation archived.',
  reopen: 'Conversation reopened.',
  insights: 'Insights generated.',
};

/** Every button on the page posts an intent; all of them go through actOnConversation, like the JSON API. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const intent = String(form.get('intent') ?? '');
  const kind = INTENTS[intent];
  // Who may act is checked before what was asked: a stranger learns nothing from a bad intent.
  const member = await requireMember(
    request,
    context,
    params.tenant,
    kind === 'delete' ? 'conversation:delete' : 'conversation:handle',
  );
  if (!kind) throw new Response(`Unknown action "${intent}"`, { status: 400 });
  const call = callFor(request, context, member);
  const act = (a: ConversationAction) => actOnConversation(context.deps, { ...call, id: params.id!, action: a });

  if (kind === 'delete') {
    const result = await runIntent(intent, async () => {
      await act({ kind: 'delete' });
    });
    if (result.status !== 200) return result;
    throw redirect(`/app/${member.membership.tenantSlug}/whatsapp?deleted=1`);
  }
  return runIntent(intent, async () => {
    if (intent === 'send') await act({ kind: 'send', input: { text: String(form.get('text') ?? '') } });
    else if (intent === 'template') await act({ kind: 'send', input: { template: templateFrom(form) } });
    else if (kind === 'setAi') await act({ kind: 'setAi', input: { enabled: form.get('enabled') === 'true' } });
    else await act({ kind } as ConversationAction);
    return intent === 'ai'
      ? form.get('enabled') === 'true'
        ? 'AI is answering.'
        : 'AI is off: people answer.'
      : DONE[intent];
  });
}

/**
 * The template's variables ({{1}}, {{2}}… for Twilio; body parameters in order for Meta):
 * one `var.<key>` field each from the picker, or `name=value` lines when typed by hand.
 */
function templateFrom(form: FormData) {
  const variables: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (name.startsWith('var.')) variables[name.slice(4)] = String(value).trim();
  }
  for (const line of String(form.get('variables') ?? '').split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) variables[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  const language = String(form.get('language') ?? '').trim();
  return {
    templateId: String(form.get('templateId') ?? '').trim(),
    ...(language ? { language } : {}),
    ...(Object.keys(variables).length ? { variables } : {}),
  };
}

export default function ChatView() {
  const data = useLoaderData<typeof loader>();
  const { conversation, canHandle, canDelete, windowOpen } = data;
  const { tenant, id } = useParams();
  useLiveRevalidation(tenant!, (event) => event.conversationId === id);

  return (
    <section className="chat-page" aria-label={`Conversation with ${conversation.customerName ?? 'customer'}`}>
      <div className="chat-header">
        <div>
          <Link to={`/app/${tenant}/whatsapp`} className="back-link">
            ← Conversations
          </Link>
          <h1>{conversation.customerName ?? 'Unknown customer'}</h1>
          <ChatSubtitle conversation={conversation} />
        </div>
        {canHandle ? <ConversationActions conversation={conversation} canDelete={canDelete} /> : null}
      </div>
      <div className="chat-layout">
        <div className="chat-main">
          <Thread messages={data.messages} timeline={data.timeline} nextBefore={data.nextBefore} />
          {canHandle ? (
            <Composer
              status={conversation.status}
              numberRemoved={conversation.number === null}
              windowOpen={windowOpen}
              knownTemplates={data.knownTemplates}
              templatesUrl={`/api/tenants/${tenant}/conversations/${id}/templates`}
              cannedResponses={data.cannedResponses}
              placeholderValues={{
                'customer.name': conversation.customerName,
                // Masked as everywhere in the UI (ADR 0115): the full number never reaches the browser.
                'customer.phone': conversation.customerMasked,
                'agent.name': data.agentName,
                'number.name': conversation.number?.displayName ?? null,
              }}
            />
          ) : null}
        </div>
        <InsightsPanel conversation={conversation} canGenerate={canHandle} workflowUrl={data.workflowUrl} />
      </div>
    </section>
  );
}

/** 404 (gone, deleted or another tenant's) and 403 in words, with the way back. */
export function ErrorBoundary() {
  const error = useRouteError();
  const { tenant } = useParams();
  const navigation = useNavigation();
  const message = isRouteErrorResponse(error)
    ? error.status === 404
      ? 'This conversation does not exist or was deleted.'
      : typeof error.data === 'string' && error.data
        ? error.data
        : `The conversation could not be shown (HTTP ${error.status}).`
    : 'Something went wrong while showing this conversation. Try again in a moment.';
  return (
    <section className="chat-error" aria-busy={navigation.state !== 'idle'}>
      <h1>Conversation unavailable</h1>
      <p role="alert">{message}</p>
      <Link to={`/app/${tenant}/whatsapp`}>Back to conversations</Link>
    </section>
  );
}
