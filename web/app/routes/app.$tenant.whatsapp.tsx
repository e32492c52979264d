import { json, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node';
import {
  isRouteErrorResponse,
  Link,
  Outlet,
  useLoaderData,
  useLocation,
  useNavigate,
  useNavigation,
  useParams,
  useRouteError,
} from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { listConversations } from '../../../core/services/conversations/list-conversations';
import { ConversationListPane } from '../components/inbox/ConversationListPane';
import { callFor, requireMember } from '../utils/auth.server';
import { conversationFilterOf } from '../utils/conversation-filter.server';
import { listSearchOf } from '../utils/conversation-filter';
import inboxStylesHref from '../components/inbox/inbox.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: inboxStylesHref }];

/**
 * The inbox frame (docs/decisions/0046). With a conversation open (`/whatsapp/:id`) the list
 * stays beside it: list | chat | customer and AI Insights on a wide screen, the chat alone on a
 * phone. The other pages under /whatsapp (the table, notifications, unconnected numbers) show
 * no pane, so their loader does no list query.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  if (!params.id) return json({ list: null });
  const member = await requireMember(request, context, params.tenant, 'conversation:read');
  const list = await listConversations(context.deps, {
    ...callFor(request, context, member),
    input: conversationFilterOf(new URL(request.url).searchParams),
  });
  return json({ list });
}

export default function Inbox() {
  const { list } = useLoaderData<typeof loader>();
  const { tenant, id } = useParams();
  const navigation = useNavigation();
  const pane = useRef<HTMLElement>(null);
  useEscapeBackToList(pane, list !== null);
  if (!list) return <Outlet />;
  // Another conversation is on its way: the one shown fades until it arrives.
  const opening =
    navigation.state === 'loading' &&
    navigation.location.pathname.startsWith(`/app/${tenant}/whatsapp/`) &&
    navigation.location.pathname !== `/app/${tenant}/whatsapp/${id}`;
  return (
    <div className="inbox">
      <ConversationListPane ref={pane} list={list} />
      <div className="inbox-chat" aria-busy={opening}>
        {opening ? (
          <p className="inbox-opening muted" role="status">
            Opening the conversation…
          </p>
        ) : null}
        <Outlet />
      </div>
    </div>
  );
}

/** The list could not be read (the chat's own failures stay in the chat's boundary). */
export function ErrorBoundary() {
  const error = useRouteError();
  const { tenant } = useParams();
  const detail = isRouteErrorResponse(error)
    ? typeof error.data === 'string' && error.data
      ? error.data
      : `HTTP ${error.status}`
    : 'The service did not answer. Try again in a moment.';
  return (
    <section className="chat-error">
      <h1>The conversations could not be shown</h1>
      <p role="alert">{detail}</p>
      <Link to={`/app/${tenant}/whatsapp`} reloadDocument>
        Try again
      </Link>
    </section>
  );
}

/**
 * Esc leaves the chat for the list: on a wide screen it puts the focus on the open conversation
 * in the pane (Up / Down go on from there); on a phone, where the pane is hidden, it goes back
 * to the list page. A dialog's own Esc (it closes) comes first.
 */
function useEscapeBackToList(pane: React.RefObject<HTMLElement>, active: boolean) {
  const navigate = useNavigate();
  const { tenant } = useParams();
  const { search } = useLocation();
  useEffect(() => {
    if (!active) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || document.querySelector('dialog[open]')) return;
      const list = pane.current;
      if (list && list.offsetParent !== null) {
        (list.querySelector<HTMLElement>('[aria-current="page"]') ?? list.querySelector<HTMLElement>('a'))?.focus();
      } else {
        navigate(`/app/${tenant}/whatsapp${listSearchOf(search)}`);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [active, navigate, pane, search, tenant]);
}
