import twilio from 'twilio';
import { z } from 'zod';
import type { InboundMessage } from '../../../workflows/definitions';
import { toWhatsAppAddress } from '../../phone';

/** `X-Twilio-Signature` check, by the twilio package (HMAC-SHA1 over URL + sorted params). */
export function isValidTwilioSignature(
  authToken: string,
  signature: string | undefined,
  url: string,
  params: Record<string, string>,
): boolean {
  if (!signature) return false;
  return twilio.validateRequest(authToken, signature, url, params);
}

// Twilio adds parameters over time: unknown ones pass through untouched.
const inboundSchema = z
  .object({
    MessageSid: z.string().min(1),
    AccountSid: z.string().min(1),
    From: z.string().min(1),
    To: z.string().min(1),
    Body: z.string().default(''),
    NumMedia: z.coerce.number().int().min(0).max(10).default(0),
    ProfileName: z.string().optional(),
    WaId: z.string().optional(),
    // A shared location (WhatsApp only): ADR 0120.
    Latitude: z.coerce.number().min(-90).max(90).optional(),
    Longitude: z.coerce.number().min(-180).max(180).optional(),
    Address: z.string().optional(),
    Label: z.string().optional(),
    OriginalRepliedMessageSid: z.string().optional(),
  })
  .passthrough();

export interface ParsedTwilioInbound {
  accountSid: string;
  to: string;
  message: Omit<InboundMessage, 'receivedAt'>;
}

/** Form parameters of an inbound WhatsApp message → our shape. Throws on a malformed one. */
export function parseTwilioInbound(params: Record<string, string>): ParsedTwilioInbound {
  const p = inboundSchema.parse(params);
  const media = Array.from({ length: p.NumMedia }, (_, i) => ({
    url: params[`MediaUrl${i}`] ?? '',
    contentType: params[`MediaContentType${i}`] ?? 'application/octet-stream',
  })).filter((m) => m.url);
  return {
    accountSid: p.AccountSid,
    to: toWhatsAppAddress(p.To),
    message: {
      provider: 'twilio',
      providerMessageId: p.MessageSid,
      from: toWhatsAppAddress(p.From),
      profileName: p.ProfileName || undefined,
      text: p.Body,
      media,
      ...(p.Latitude !== undefined && p.Longitude !== undefined
        ? {
            location: {
              latitude: p.Latitude,
              longitude: p.Longitude,
              ...(p.Label ? { name: p.Label } : {}),
              ...(p.Address ? { address: p.Address } : {}),
            },
          }
        : {}),
      ...(p.OriginalRepliedMessageSid ? { quotedProviderMessageId: p.OriginalRepliedMessageSid } : {}),
    },
  };
}

/** Status callbacks arrive on the same route family and carry MessageStatus. */
export function isTwilioStatusCallback(params: Record<string, string>): boolean {
  return typeof params.MessageStatus === 'string' && !('Body' in params) && !('NumMedia' in params);
}
