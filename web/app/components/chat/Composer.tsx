import { useFetcher } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import type { ActionResult } from '../../utils/action.server';
import { MAX_TEXT_LENGTH } from '../../../../workflows/thread-state';
import { ActionOutcome } from './ActionOutcome';
import { TemplateForm } from './TemplateForm';
import { useCannedResponsePicker, type CannedResponseChoice } from './CannedResponsePicker';
import type { Placeholder } from '../../../../core/services/canned-responses/placeholders';

/**
 * Enter sends, Shift+Enter starts a new line. Outside the 24-hour window a
 * free-form message would be refused by WhatsApp: the textarea says why and a
 * template form takes its place.
 */
export function Composer({
  status,
  numberRemoved,
  windowOpen,
  knownTemplates,
  templatesUrl,
  cannedResponses,
  placeholderValues,
}: {
  status: string;
  /** The number it came in on was deleted: nothing can be sent (the send would fail at the provider). */
  numberRemoved: boolean;
  windowOpen: boolean;
  knownTemplates: string[];
  templatesUrl: string;
  /** Inserted with `/` at the start of the reply. */
  cannedResponses: CannedResponseChoice[];
  /** What their placeholders stand for in this conversation. */
  placeholderValues: Partial<Record<Placeholder, string | null>>;
}) {
  const sender = useFetcher<ActionResult>();
  const form = useRef<HTMLFormElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const picker = useCannedResponsePicker(textarea, cannedResponses, placeholderValues);
  const sending = sender.state !== 'idle';
  useEffect(() => {
    if (sender.state === 'idle' && sender.data?.ok && sender.data.intent === 'send') form.current?.reset();
  }, [sender.state, sender.data]);

  const blockedReason = numberRemoved
    ? 'The number this conversation came in on was removed: replies cannot be sent from it.'
    : status !== 'open'
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
        {picker.list}
        <textarea
          ref={textarea}
          id="composer-text"
          name="text"
          rows={2}
          maxLength={MAX_TEXT_LENGTH}
          placeholder={blockedReason ?? 'Write a reply… (Enter sends, Shift+Enter for a new line)'}
          disabled={blockedReason !== null}
          aria-describedby={blockedReason ? 'composer-blocked' : undefined}
          {...picker.textareaProps}
          onKeyDown={(e) => {
            if (picker.onKeyDown(e)) return;
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
      {status === 'open' && !windowOpen && !numberRemoved ? (
        <TemplateForm fetcher={sender} knownTemplates={knownTemplates} templatesUrl={templatesUrl} />
      ) : null}
      <ActionOutcome fetcher={sender} />
    </div>
  );
}
