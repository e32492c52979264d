import {
  OUTSIDE_WINDOW_MESSAGE,
  placeholdersOf,
  ProviderSendError,
  type MessageTemplate,
  type MessagingProvider,
  type SentMessage,
} from '../messaging';

export interface MetaSendSettings {
  baseUrl: string;
  version: string;
  phoneNumberId: string;
  accessToken: string;
  /** WhatsApp Business Account ID: templates belong to it (optional on the number). */
  businessAccountId?: string;
}

interface GraphTemplate {
  name: string;
  language: string;
  status: string;
  components?: Array<{ type: string; text?: string }>;
}

/** `{base}/{version}/{path}` on the Graph API (META_GRAPH_BASE_URL points tests and the sandbox at a fake). */
export function metaGraphUrl(baseUrl: string, version: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${version}/${path}`;
}

/**
 * Meta Cloud API: `POST /{version}/{phone-number-id}/messages`, text or template;
 * `GET /{version}/{business-account-id}/message_templates` for the approved templates.
 */
export function metaMessagingProvider(settings: MetaSendSettings): MessagingProvider {
  const graphUrl = (path: string) => metaGraphUrl(settings.baseUrl, settings.version, path);
  return {
    async listTemplates(): Promise<MessageTemplate[]> {
      const notListed = (message: string) =>
        new ProviderSendError('ProviderRejected', message, { retryable: false, definitelyNotSent: true });
      if (!settings.businessAccountId) {
        throw notListed(
          'Meta lists templates by Business Account ID: add it to this number (Edit) to pick from a list',
        );
      }
      const url = graphUrl(
        `${encodeURIComponent(settings.businessAccountId)}/message_templates?fields=name,language,status,components&limit=200`,
      );
      let res: Response;
      try {
        res = await fetch(url, {
          headers: { authorization: `Bearer ${settings.accessToken}` },
          signal: AbortSignal.timeout(10_000),
        });
      } catch {
        throw notListed('Meta could not be reached to list the templates');
      }
      const json = (await res.json().catch(() => ({}))) as {
        data?: GraphTemplate[];
        error?: { code?: number; message?: string };
      };
      if (res.status === 401 || json.error?.code === 190) throw mapMetaError(401, json.error);
      if (!res.ok || !json.data) {
        throw notListed(`Meta did not list the templates: ${json.error?.message ?? `HTTP ${res.status}`}`);
      }
      return json.data
        .filter((t) => t.status === 'APPROVED')
        .map((t) => {
          const body = t.components?.find((c) => c.type === 'BODY')?.text ?? '';
          return { id: t.name, name: t.name, language: t.language, body, variables: placeholdersOf(body) };
        });
    },

    async send(message): Promise<SentMessage> {
      const to = message.to.replace(/^whatsapp:\+?/, '');
      const body = message.template
        ? {
            messaging_product: 'whatsapp',
            to,
            type: 'template',
            template: {
              name: message.template.templateId,
              language: { code: message.template.language ?? 'en' },
              components: message.template.variables
                ? [
                    {
                      type: 'body',
                      parameters: Object.values(message.template.variables).map((text) => ({ type: 'text', text })),
                    },
                  ]
                : [],
            },
          }
        : { messaging_product: 'whatsapp', to, type: 'text', text: { body: message.text ?? '' } };
      let res: Response;
      try {
        res = await fetch(graphUrl(`${encodeURIComponent(settings.phoneNumberId)}/messages`), {
          method: 'POST',
          headers: { authorization: `Bearer ${settings.accessToken}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(20_000),
        });
      } catch (err) {
        const code = (err as { cause?: { code?: string } }).cause?.code;
        throw new ProviderSendError('ProviderUnavailable', 'Meta could not be reached; retrying', {
          retryable: true,
          definitelyNotSent: code === 'ECONNREFUSED' || code === 'ENOTFOUND',
          providerCode: code,
        });
      }
      const json = (await res.json().catch(() => ({}))) as {
        messages?: { id: string }[];
        error?: { code?: number; message?: string };
      };
      if (res.ok && json.messages?.[0]?.id) return { providerMessageId: json.messages[0].id, status: 'queued' };
      throw mapMetaError(res.status, json.error);
    },
  };
}

export function mapMetaError(status: number, error: { code?: number; message?: string } | undefined) {
  const code = error?.code === undefined ? undefined : String(error.code);
  const answered = { definitelyNotSent: true, providerCode: code };
  if (code === '131047')
    return new ProviderSendError('OutsideWindow', OUTSIDE_WINDOW_MESSAGE, { retryable: false, ...answered });
  if (code === '131026' || code === '131030' || code === '100') {
    return new ProviderSendError(
      'InvalidRecipient',
      `The customer’s number cannot receive WhatsApp messages (Meta ${code})`,
      {
        retryable: false,
        ...answered,
      },
    );
  }
  if (status === 401 || code === '190') {
    return new ProviderSendError(
      'BadCredentials',
      'Meta rejected this number’s access token: an owner or admin should check the Meta integration',
      { retryable: false, ...answered },
    );
  }
  if (status === 429 || code === '130429' || code === '131056' || code === '80007') {
    return new ProviderSendError('RateLimited', 'Meta is rate limiting this number; retrying', {
      retryable: true,
      ...answered,
    });
  }
  if (status >= 500) {
    return new ProviderSendError('ProviderUnavailable', `Meta is having trouble (HTTP ${status}); retrying`, {
      retryable: true,
      ...answered,
    });
  }
  return new ProviderSendError('ProviderRejected', `Meta refused the message: ${error?.message ?? `HTTP ${status}`}`, {
    retryable: false,
    ...answered,
  });
}
