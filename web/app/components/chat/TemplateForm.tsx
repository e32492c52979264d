import type { useFetcher } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { fillPlaceholders, type MessageTemplate } from '../../../../core/providers/messaging';
import type { TemplateList } from '../../../../core/services/conversations/list-templates';
import type { ActionResult } from '../../utils/action.server';

type Listing = { state: 'loading' } | { state: 'loaded'; list: TemplateList } | { state: 'failed'; message: string };

const BY_HAND = 'by-hand';

/**
 * Outside the 24-hour window only an approved template may be sent. The number's
 * approved templates are listed from the provider (Twilio Content API, Meta
 * message_templates) when the form opens; the agent picks one, fills its
 * variables and sees the message as the customer will. When the provider gives
 * no list, the template is typed by hand (docs/decisions/0040).
 */
export function TemplateForm({
  fetcher,
  templatesUrl,
  knownTemplates,
}: {
  fetcher: ReturnType<typeof useFetcher<ActionResult>>;
  /** The JSON API's GET …/conversations/:id/templates. */
  templatesUrl: string;
  knownTemplates: string[];
}) {
  const [listing, setListing] = useState<Listing>({ state: 'loading' });
  const [picked, setPicked] = useState<string>('');
  const [values, setValues] = useState<Record<string, string>>({});

  // Asked once per opened chat, not on every live revalidation: listing goes to the provider.
  useEffect(() => {
    const abort = new AbortController();
    fetch(templatesUrl, { signal: abort.signal, headers: { accept: 'application/json' } })
      .then(async (res) => {
        const body = (await res.json().catch(() => ({}))) as TemplateList & { error?: string };
        if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
        setListing({ state: 'loaded', list: body });
        setPicked(body.templates.length ? '0' : BY_HAND);
      })
      .catch((error: Error) => {
        if (abort.signal.aborted) return;
        setListing({ state: 'failed', message: error.message });
        setPicked(BY_HAND);
      });
    return () => abort.abort();
  }, [templatesUrl]);

  // Sent: clear the values for the next one.
  useEffect(() => {
    if (fetcher.state === 'idle' && fetcher.data?.ok && fetcher.data.intent === 'template') setValues({});
  }, [fetcher.state, fetcher.data]);

  const templates = listing.state === 'loaded' ? listing.list.templates : [];
  const template: MessageTemplate | undefined = picked === BY_HAND ? undefined : templates[Number(picked)];
  const busy = fetcher.state !== 'idle' && fetcher.formData?.get('intent') === 'template';
  const error = fetcher.state === 'idle' && fetcher.data && !fetcher.data.ok ? fetcher.data.fields : {};

  return (
    <fetcher.Form method="post" className="template-form" aria-label="Send a template">
      <input type="hidden" name="intent" value="template" />
      <h3>Send a template</h3>
      {listing.state === 'loading' ? (
        <p role="status" className="muted">
          Loading this number’s approved templates…
        </p>
      ) : null}
      {listing.state === 'failed' ? (
        <p role="alert" className="template-note">
          The templates could not be loaded ({listing.message}). Type the template by hand.
        </p>
      ) : null}
      {listing.state === 'loaded' && listing.list.unavailable ? (
        <p className="template-note">{listing.list.unavailable.replace(/\.$/, '')}. Type the template by hand.</p>
      ) : null}
      {listing.state === 'loaded' && !listing.list.unavailable && templates.length === 0 ? (
        <p className="template-note">
          This number has no approved templates yet: create one in Twilio’s Content Template Builder or Meta’s WhatsApp
          Manager, or type one by hand.
        </p>
      ) : null}

      {templates.length > 0 ? (
        <>
          <label htmlFor="template-pick">Template</label>
          <select
            id="template-pick"
            value={picked}
            onChange={(e) => {
              setPicked(e.target.value);
              setValues({});
            }}
          >
            {templates.map((t, i) => (
              <option key={`${t.id}:${t.language}`} value={String(i)}>
                {t.name} ({t.language})
              </option>
            ))}
            <option value={BY_HAND}>Another template, typed by hand…</option>
          </select>
        </>
      ) : null}

      {template ? (
        <>
          <input type="hidden" name="templateId" value={template.id} />
          <input type="hidden" name="language" value={template.language} />
          {template.variables.map((key) => (
            <div key={key} className="template-variable">
              <label htmlFor={`template-var-${key}`}>{`Value for {{${key}}}`}</label>
              <input
                id={`template-var-${key}`}
                name={`var.${key}`}
                required
                value={values[key] ?? ''}
                onChange={(e) => setValues({ ...values, [key]: e.target.value })}
              />
            </div>
          ))}
          <p className="template-preview" aria-label="Preview">
            {fillPlaceholders(template.body, values)}
          </p>
        </>
      ) : null}

      {listing.state !== 'loading' && !template ? (
        <>
          <label htmlFor="template-id">Template (Twilio Content SID or Meta template name)</label>
          <input
            id="template-id"
            name="templateId"
            list="known-templates"
            required
            placeholder="HX… or order_update"
            aria-invalid={Boolean(error['template.templateId'])}
          />
          <datalist id="known-templates">
            {knownTemplates.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
          <label htmlFor="template-language">Language (Meta only, default en)</label>
          <input id="template-language" name="language" placeholder="en" />
          <label htmlFor="template-variables">Variables, one per line: 1=Marta</label>
          <textarea id="template-variables" name="variables" rows={2} placeholder={'1=Marta\n2=Tuesday'} />
        </>
      ) : null}

      <button type="submit" disabled={fetcher.state !== 'idle' || listing.state === 'loading'}>
        {busy ? 'Sending template…' : 'Send template'}
      </button>
    </fetcher.Form>
  );
}
