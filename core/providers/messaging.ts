/**
 * What the conversation services need from a WhatsApp provider: send one
 * message, list the approved templates. Twilio and Meta implement it; provider errors come back as
 * ProviderSendError with a message a person understands.
 */
export interface OutboundMessage {
  /** Our number (`whatsapp:+…`). */
  from: string;
  /** The customer (`whatsapp:+…`). */
  to: string;
  text?: string;
  template?: { templateId: string; language?: string; variables?: Record<string, string> };
  /** Where the provider posts delivery statuses (Twilio; Meta uses the app's webhook). */
  statusCallback?: string;
}

export interface SentMessage {
  providerMessageId: string;
  status: 'queued' | 'sent';
}

/** An approved WhatsApp template, as the agent picks it outside the 24-hour window. */
export interface MessageTemplate {
  /** What a send names: Twilio Content SID (`HX…`) or Meta template name. */
  id: string;
  name: string;
  language: string;
  /** The body text with its placeholders, e.g. `Hi {{1}}, your order is ready`. */
  body: string;
  /** Placeholder keys in order of appearance: `["1", "2"]`. */
  variables: string[];
}

export interface MessagingProvider {
  send(message: OutboundMessage): Promise<SentMessage>;
  /** The templates approved for WhatsApp that this number may send. */
  listTemplates(): Promise<MessageTemplate[]>;
}

const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;

/** `{{1}}`, `{{2}}`… in a template body, each once, in order. */
export function placeholdersOf(body: string): string[] {
  return [...new Set([...body.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** The message as the customer will read it: each `{{key}}` replaced by its value (kept while empty). */
export function fillPlaceholders(body: string, values: Record<string, string>): string {
  return body.replace(PLACEHOLDER, (placeholder, key: string) => values[key] || placeholder);
}

export type SendErrorType =
  'InvalidRecipient' | 'BadCredentials' | 'OutsideWindow' | 'RateLimited' | 'ProviderUnavailable' | 'ProviderRejected';

export const OUTSIDE_WINDOW_MESSAGE =
  'The customer last wrote more than 24 h ago; WhatsApp allows only a template message until they write again';

export class ProviderSendError extends Error {
  constructor(
    readonly type: SendErrorType,
    message: string,
    readonly options: {
      /** Worth trying again later (network, 5xx, rate limit). */
      retryable: boolean;
      /** The provider answered: this attempt certainly sent nothing. */
      definitelyNotSent: boolean;
      providerCode?: string;
    },
  ) {
    super(message);
    this.name = 'ProviderSendError';
  }
}
