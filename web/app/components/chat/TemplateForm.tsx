import type { useFetcher } from '@remix-run/react';
import type { ActionResult } from '../../utils/action.server';

/**
 * Outside the 24-hour window only an approved template may be sent: its
 * identifier (Twilio Content SID `HX…` or Meta template name), language and
 * variables. Templates this tenant sent before are offered (docs/decisions/0040).
 */
export function TemplateForm({
  fetcher,
  knownTemplates,
}: {
  fetcher: ReturnType<typeof useFetcher<ActionResult>>;
  knownTemplates: string[];
}) {
  const busy = fetcher.state !== 'idle' && fetcher.formData?.get('intent') === 'template';
  const error = fetcher.state === 'idle' && fetcher.data && !fetcher.data.ok ? fetcher.data.fields : {};
  return (
    <fetcher.Form method="post" className="template-form" aria-label="Send a template">
      <input type="hidden" name="intent" value="template" />
      <h3>Send a template</h3>
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
      <button type="submit" disabled={fetcher.state !== 'idle'}>
        {busy ? 'Sending template…' : 'Send template'}
      </button>
    </fetcher.Form>
  );
}
