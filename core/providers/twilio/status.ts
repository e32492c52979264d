import { z } from 'zod';
import type { MessageStatus } from '../../db/models/message';

const statusSchema = z
  .object({
    MessageSid: z.string().min(1),
    AccountSid: z.string().min(1),
    MessageStatus: z.string().min(1),
    ErrorCode: z.string().optional(),
  })
  .passthrough();

const KNOWN: Record<string, MessageStatus> = {
  accepted: 'queued',
  scheduled: 'queued',
  queued: 'queued',
  sending: 'queued',
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
  undelivered: 'undelivered',
  canceled: 'failed',
};

export interface ParsedTwilioStatus {
  accountSid: string;
  providerMessageId: string;
  /** Undefined for a status we do not track (e.g. `receiving`). */
  status: MessageStatus | undefined;
  errorCode?: string;
}

/** A Twilio status callback's form parameters → our delivery status. Throws on a malformed one. */
export function parseTwilioStatus(params: Record<string, string>): ParsedTwilioStatus {
  const p = statusSchema.parse(params);
  return {
    accountSid: p.AccountSid,
    providerMessageId: p.MessageSid,
    status: KNOWN[p.MessageStatus.toLowerCase()],
    errorCode: p.ErrorCode || undefined,
  };
}
