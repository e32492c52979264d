import {
  placeholdersOf,
  type MessageTemplate,
  type MessagingProvider,
  type OutboundMessage,
  type SentMessage,
} from '../messaging';
import type { TwilioClient } from './client';
import { mapTwilioError } from './errors';

/**
 * Sends through the real `twilio` SDK: free-form `body`, or a template (`contentSid` +
 * variables). Templates come from the Content API, with their WhatsApp approval.
 */
export function twilioMessagingProvider(client: TwilioClient): MessagingProvider {
  return {
    async listTemplates(): Promise<MessageTemplate[]> {
      try {
        const contents = await client.content.v1.contentAndApprovals.list({ limit: 200 });
        return contents
          .filter((c) => whatsappApproval(c.approvalRequests) === 'approved')
          .map((c) => {
            const body = bodyOf(c.types);
            const declared = Object.keys(c.variables ?? {});
            return {
              id: c.sid,
              name: c.friendlyName,
              language: c.language,
              body,
              variables: declared.length ? declared.sort(byNumber) : placeholdersOf(body),
            };
          });
      } catch (err) {
        throw mapTwilioError(err);
      }
    },

    async send(message: OutboundMessage): Promise<SentMessage> {
      try {
        const created = await client.messages.create({
          from: message.from,
          to: message.to,
          ...(message.template
            ? {
                contentSid: message.template.templateId,
                contentVariables: JSON.stringify(message.template.variables ?? {}),
              }
            : { body: message.text ?? '' }),
          ...(message.statusCallback ? { statusCallback: message.statusCallback } : {}),
        });
        return { providerMessageId: created.sid, status: created.status === 'sent' ? 'sent' : 'queued' };
      } catch (err) {
        throw mapTwilioError(err);
      }
    },
  };
}

/** `approval_requests` is the WhatsApp approval (`{ status: 'approved', … }`). */
function whatsappApproval(approval: unknown): string | undefined {
  const request = approval as { status?: string; whatsapp?: { status?: string } } | null;
  return request?.status ?? request?.whatsapp?.status;
}

/** The text a person reads: the body of the first content type that has one (`twilio/text`, quick-reply…). */
function bodyOf(types: unknown): string {
  for (const type of Object.values((types ?? {}) as Record<string, { body?: unknown; title?: unknown }>)) {
    if (typeof type?.body === 'string') return type.body;
    if (typeof type?.title === 'string') return type.title;
  }
  return '';
}

function byNumber(a: string, b: string) {
  return Number(a) - Number(b) || a.localeCompare(b);
}
