import type { MessagingProvider, OutboundMessage, SentMessage } from '../messaging';
import type { TwilioClient } from './client';
import { mapTwilioError } from './errors';

/** Sends through the real `twilio` SDK: free-form `body`, or a template (`contentSid` + variables). */
export function twilioMessagingProvider(client: TwilioClient): MessagingProvider {
  return {
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
