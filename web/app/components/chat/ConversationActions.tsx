import { useFetcher } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { TRANSITION_TARGET, type Transition } from '../../../../workflows/thread-state';
import type { ActionResult } from '../../utils/action.server';
import { ConfirmDialog } from '../Dialog';
import { ActionOutcome } from './ActionOutcome';

/** Close / Archive / Reopen by status, the AI toggle and Delete; each shows progress, then its result. */
export function ConversationActions({
  conversation,
  canDelete,
}: {
  conversation: { status: string; aiEnabled: boolean; number: unknown; aiUnavailableReason: string | null };
  canDelete: boolean;
}) {
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
  const { status, aiEnabled, aiUnavailableReason } = conversation;
  // A result describes the state the action left. Once something else changes that state (the
  // customer writes and the conversation reopens, a colleague switches the AI), it would lie.
  const stateNow = `${status}/${aiEnabled}`;
  const [resultFor, setResultFor] = useState<string | null>(null);
  // The result belongs to the state the action asked for, not to the page's state when the
  // answer came: the read model may show the change a moment later (live event, revalidation).
  const submitted = useRef<FormData | undefined>(undefined);
  if (fetcher.formData) submitted.current = fetcher.formData;
  useEffect(() => {
    if (fetcher.state === 'idle' && fetcher.data) {
      // A refused action left the state as it is now: its reason shows against that.
      setResultFor(fetcher.data.ok ? stateAfter(submitted.current, { status, aiEnabled }) : stateNow);
    }
    // Only when a result arrives: later state changes must not adopt it.
  }, [fetcher.state, fetcher.data]);
  // A removed number can never answer again: nothing to switch. An inactive one may be
  // activated later, so the toggle stays, but never claims the AI is active while it is not.
  const numberRemoved = conversation.number === null;
  const aiLabel = !aiEnabled ? 'AI Disabled' : aiUnavailableReason ? 'AI not answering' : 'AI Active';
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
            aria-label={
              numberRemoved
                ? `${aiLabel}: the number was removed`
                : `${aiLabel}: click to ${aiEnabled ? 'disable' : 'enable'}`
            }
            aria-describedby={aiUnavailableReason ? 'ai-unavailable' : undefined}
            className={aiEnabled && !aiUnavailableReason ? 'ai-on' : 'ai-off'}
            disabled={busyIntent !== null || numberRemoved}
          >
            {busyIntent === 'ai' ? 'Switching…' : aiLabel}
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
      {resultFor === stateNow ? <ActionOutcome fetcher={fetcher} /> : null}
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

/** `status/aiEnabled` as the submitted action, once done, leaves it. */
function stateAfter(form: FormData | undefined, now: { status: string; aiEnabled: boolean }): string {
  const intent = String(form?.get('intent') ?? '');
  const status = intent in TRANSITION_TARGET ? TRANSITION_TARGET[intent as Transition] : now.status;
  const aiEnabled = intent === 'ai' ? form?.get('enabled') === 'true' : now.aiEnabled;
  return `${status}/${aiEnabled}`;
}
