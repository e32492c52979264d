import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node';
import {
  isRouteErrorResponse,
  Link,
  useFetcher,
  useLoaderData,
  useNavigation,
  useParams,
  useRouteError,
} from '@remix-run/react';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { can } from '../../../core/auth/permissions';
import { actOnConversation, type ConversationAction } from '../../../core/services/conversations/act-on-conversation';
import { getConversation, type MessageView } from '../../../core/services/conversations/get-conversation';
import { listSentTemplateIds } from '../../../core/services/conversations/list-sent-template-ids';
import { markConversationSeen } from '../../../core/services/conversations/mark-conversation-seen';
import { SERVICE_WINDOW_MS } from '../../../workflows/thread-state';
import { ConfirmDialog } from '../components/Dialog';
import { DeliveryTicks } from '../components/chat/DeliveryTicks';
import { InsightsPanel } from '../components/chat/InsightsPanel';
import { TemplateForm } from '../components/chat/TemplateForm';
import { ClockTime, DaySeparator, useDaySeparated } from '../components/Time';
import { asHttpError, runIntent, type ActionResult } from '../utils/action.server';
import { callFor, requireMember } from '../utils/auth.server';
import { useLiveRevalidation } from '../utils/live';
import chatStylesHref from '../components/chat/chat.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: chatStylesHref }];

const PAGE_SIZE = 50;
// Scroll positions are set before paint in the browser; the server render has none to set.
const useBrowserLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect;

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
  return json({
    ...data,
    windowOpen,
    knownTemplates,
    canHandle: can(membership.role, 'conversation:handle'),
    canDelete: can(membership.role, 'conversation:delete'),
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
          <p className="muted">
            {conversation.customerMasked}
            {conversation.number ? ` · ${conversation.number.displayName}` : ''} ·{' '}
            <span className={`status status-${conversation.status}`}>{conversation.status}</span>
          </p>
        </div>
        {canHandle ? <ConversationActions canDelete={canDelete} /> : null}
      </div>
      <div className="chat-layout">
        <div className="chat-main">
          <Thread />
          {canHandle ? (
            <Composer
              status={conversation.status}
              windowOpen={windowOpen}
              knownTemplates={data.knownTemplates}
              templatesUrl={`/api/tenants/${tenant}/conversations/${id}/templates`}
            />
          ) : null}
        </div>
        <InsightsPanel conversation={conversation} canGenerate={canHandle} />
      </div>
    </section>
  );
}

/** Close / Archive / Reopen by status, the AI toggle and Delete; each shows progress, then its result. */
function ConversationActions({ canDelete }: { canDelete: boolean }) {
  const { conversation } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<ActionResult>();
  const deleter = useFetcher<ActionResult>();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const busyIntent = fetcher.state !== 'idle' ? String(fetcher.formData?.get('intent') ?? '') : null;
  const button = (intent: string, label: string, busyLabel: string, extra?: Record<string, string>) => (
    <fetcher.Form method="post" key={intent}>
      <input type="hidden" name="intent" value={intent} />
      {extra
        ? Object.entries(extra).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)
        : null}
      <button type="submit" className="secondary" disabled={busyIntent !== null}>
        {busyIntent === intent ? busyLabel : label}
      </button>
    </fetcher.Form>
  );
  const { status, aiEnabled } = conversation;
  return (
    <div className="chat-actions-wrap">
      <div className="chat-actions" role="group" aria-label="Conversation actions">
        <fetcher.Form method="post" className="ai-toggle">
          <input type="hidden" name="intent" value="ai" />
          <input type="hidden" name="enabled" value={aiEnabled ? 'false' : 'true'} />
          <button
            type="submit"
            role="switch"
            aria-checked={aiEnabled}
            aria-label={aiEnabled ? 'AI Active: click to disable' : 'AI Disabled: click to enable'}
            className={aiEnabled ? 'ai-on' : 'ai-off'}
            disabled={busyIntent !== null}
          >
            {busyIntent === 'ai' ? 'Switching…' : aiEnabled ? 'AI Active' : 'AI Disabled'}
          </button>
        </fetcher.Form>
        {status === 'open' ? button('close', 'Close', 'Closing…') : null}
        {status === 'closed' ? button('archive', 'Archive', 'Archiving…') : null}
        {status !== 'open' ? button('reopen', 'Reopen', 'Reopening…') : null}
        {canDelete ? (
          <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
            Delete
          </button>
        ) : null}
      </div>
      <ActionOutcome fetcher={fetcher} />
      <ConfirmDialog
        open={confirmDelete}
        title="Delete this conversation?"
        body={
          <>
            <p>
              All messages and notifications of this conversation are removed for everyone. This cannot be undone; the
              deletion is recorded with your name.
            </p>
            {deleter.state === 'idle' && deleter.data && !deleter.data.ok ? (
              <p className="field-error" role="alert">
                {deleter.data.error}
              </p>
            ) : null}
          </>
        }
        confirmLabel="Delete conversation"
        busy={deleter.state !== 'idle'}
        onConfirm={() => deleter.submit({ intent: 'delete' }, { method: 'post' })}
        onClose={() => setConfirmDelete(false)}
      />
    </div>
  );
}

/** The last action's result or the reason it failed, in words. */
function ActionOutcome({ fetcher }: { fetcher: ReturnType<typeof useFetcher<ActionResult>> }) {
  if (fetcher.state !== 'idle' || !fetcher.data) return null;
  return fetcher.data.ok ? (
    <p className="action-result" role="status">
      {fetcher.data.message}
    </p>
  ) : (
    <p className="action-error" role="alert">
      {fetcher.data.error}
    </p>
  );
}

const AUTHOR_LABEL: Record<MessageView['author'], string> = { customer: 'Customer', ai: 'AI', human: 'Agent' };

/** The messages, oldest at the top; scrolling to the top loads older ones; new ones scroll into view. */
function Thread() {
  const { messages, nextBefore } = useLoaderData<typeof loader>();
  const { tenant, id } = useParams();
  // Attachments go through the API, which fetches them with the tenant's provider credentials.
  const attachmentUrl = (messageId: string, index: number) =>
    `/api/tenants/${tenant}/conversations/${id}/messages/${encodeURIComponent(messageId)}/media/${index}`;
  const older = useFetcher<typeof loader>();
  const [olderPages, setOlderPages] = useState<{ messages: MessageView[]; nextBefore: string | null }>({
    messages: [],
    nextBefore: null,
  });
  const scroller = useRef<HTMLOListElement>(null);
  const keepOffset = useRef<number | null>(null);

  // A different conversation starts from its newest page again.
  useEffect(() => setOlderPages({ messages: [], nextBefore: null }), [id]);

  useEffect(() => {
    if (older.state !== 'idle' || !older.data) return;
    const page = older.data;
    setOlderPages((prev) => ({ messages: [...page.messages, ...prev.messages], nextBefore: page.nextBefore }));
  }, [older.state, older.data]);

  const all = useMemo(() => {
    const seen = new Set(messages.map((m) => m.id));
    return [...olderPages.messages.filter((m) => !seen.has(m.id)), ...messages];
  }, [olderPages.messages, messages]);
  const oldestCursor = olderPages.messages.length ? olderPages.nextBefore : nextBefore;

  const loadOlder = () => {
    if (!oldestCursor || older.state !== 'idle') return;
    keepOffset.current = scroller.current ? scroller.current.scrollHeight - scroller.current.scrollTop : null;
    older.load(`?before=${encodeURIComponent(oldestCursor)}`);
  };

  // Older messages prepended: keep the reader where they were. A new message at the bottom: follow it.
  const newestId = all.length ? all[all.length - 1].id : null;
  useBrowserLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (keepOffset.current !== null) {
      el.scrollTop = el.scrollHeight - keepOffset.current;
      keepOffset.current = null;
    }
  }, [all.length]);
  useBrowserLayoutEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [newestId]);

  const days = useDaySeparated(all, (m) => m.sentAt);

  if (all.length === 0) {
    return <p className="empty chat-thread">No messages yet.</p>;
  }
  return (
    <ol
      className="chat-thread"
      ref={scroller}
      aria-label="Messages"
      aria-busy={older.state !== 'idle'}
      onScroll={(e) => {
        if (e.currentTarget.scrollTop < 40) loadOlder();
      }}
    >
      {oldestCursor ? (
        <li className="load-older">
          <button type="button" className="link" onClick={loadOlder} disabled={older.state !== 'idle'}>
            {older.state !== 'idle' ? 'Loading older messages…' : 'Load older messages'}
          </button>
        </li>
      ) : (
        <li className="thread-start muted">Start of the conversation</li>
      )}
      {days.map((row) => {
        if (row.type === 'day') return <DaySeparator key={row.day} label={row.label} />;
        const m = row.item;
        return (
          <li key={m.id} className={`bubble bubble-${m.author}`} data-message-id={m.id} data-status={m.status}>
            <div className="bubble-author">
              {m.author === 'human' && m.sentByName ? `${m.sentByName} (agent)` : AUTHOR_LABEL[m.author]}
            </div>
            {m.text ? <div className="bubble-text">{m.text}</div> : null}
            {m.media.length ? (
              <ul className="bubble-media" aria-label="Attachments">
                {m.media.map((media, i) => (
                  <li key={media.url || i}>
                    {media.contentType.startsWith('image/') ? (
                      <a href={attachmentUrl(m.id, i)} target="_blank" rel="noreferrer noopener">
                        <img src={attachmentUrl(m.id, i)} alt={`Image ${i + 1} from the customer`} loading="lazy" />
                      </a>
                    ) : (
                      <a href={attachmentUrl(m.id, i)} target="_blank" rel="noreferrer noopener">
                        Attachment {i + 1} ({media.contentType || 'file'})
                      </a>
                    )}
                  </li>
                ))}
              </ul>
            ) : null}
            <div className="bubble-meta">
              <ClockTime iso={m.sentAt} />
              {m.direction === 'outbound' ? <DeliveryTicks message={m} /> : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

/**
 * Enter sends, Shift+Enter starts a new line. Outside the 24-hour window a
 * free-form message would be refused by WhatsApp: the textarea says why and a
 * template form takes its place.
 */
function Composer({
  status,
  windowOpen,
  knownTemplates,
  templatesUrl,
}: {
  status: string;
  windowOpen: boolean;
  knownTemplates: string[];
  templatesUrl: string;
}) {
  const sender = useFetcher<ActionResult>();
  const form = useRef<HTMLFormElement>(null);
  const sending = sender.state !== 'idle';
  useEffect(() => {
    if (sender.state === 'idle' && sender.data?.ok && sender.data.intent === 'send') form.current?.reset();
  }, [sender.state, sender.data]);

  const blockedReason =
    status !== 'open'
      ? `This conversation is ${status}: reopen it to send a message.`
      : !windowOpen
        ? 'The customer last wrote more than 24 h ago: WhatsApp allows only a template message until they write again.'
        : null;

  return (
    <div className="composer">
      <sender.Form method="post" ref={form} className="composer-form">
        <input type="hidden" name="intent" value="send" />
        <label htmlFor="composer-text" className="visually-hidden">
          Your reply
        </label>
        <textarea
          id="composer-text"
          name="text"
          rows={2}
          maxLength={4096}
          placeholder={blockedReason ?? 'Write a reply… (Enter sends, Shift+Enter for a new line)'}
          disabled={blockedReason !== null}
          aria-describedby={blockedReason ? 'composer-blocked' : undefined}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              if (!sending && e.currentTarget.value.trim()) form.current?.requestSubmit();
            }
          }}
        />
        <button type="submit" disabled={blockedReason !== null || sending}>
          {sending && sender.formData?.get('intent') === 'send' ? 'Sending…' : 'Send'}
        </button>
      </sender.Form>
      {blockedReason ? (
        <p id="composer-blocked" className="composer-blocked">
          {blockedReason}
        </p>
      ) : null}
      {status === 'open' && !windowOpen ? (
        <TemplateForm fetcher={sender} knownTemplates={knownTemplates} templatesUrl={templatesUrl} />
      ) : null}
      <ActionOutcome fetcher={sender} />
    </div>
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
