import { z } from 'zod';
import { InvalidPhoneNumberError, toWhatsAppAddress } from '../../phone';
import { checkbox, optionalText } from '../../validation';

export const PROVIDERS = ['twilio', 'meta'] as const;

/**
 * The Connect New Number / Edit form, flat as HTML forms send it (the JSON API
 * takes the same fields). On edit a blank Access Token means "unchanged".
 */
export function numberInputSchema(mode: 'create' | 'update') {
  return z
    .object({
      provider: z.enum(PROVIDERS, {
        errorMap: () => ({ message: 'Choose a provider: Twilio or Meta Cloud API' }),
      }),
      displayName: z
        .string({ required_error: 'Enter a display name' })
        .trim()
        .min(1, 'Enter a display name')
        .max(80, 'Keep the display name under 80 characters'),
      active: checkbox,
      aiAgentId: optionalText.describe('An AI agent of this tenant with WhatsApp enabled'),
      address: optionalText.describe('Twilio: whatsapp:+1234567890'),
      phoneNumberId: optionalText.describe('Meta: digits'),
      businessAccountId: optionalText.describe('Meta: digits, optional'),
      accessToken: optionalText.describe('Meta: stored encrypted, never returned'),
    })
    .superRefine((v, ctx) => {
      const fail = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      if (v.active && !v.aiAgentId) fail('aiAgentId', 'Choose an AI agent: an active number needs one to answer');
      if (v.provider === 'twilio') {
        if (!v.address) fail('address', 'Choose a number from the list, or enter one as whatsapp:+1234567890');
        else {
          try {
            toWhatsAppAddress(v.address);
          } catch (err) {
            if (!(err instanceof InvalidPhoneNumberError)) throw err;
            fail('address', err.message);
          }
        }
      }
      if (v.provider === 'meta') {
        if (!v.phoneNumberId) fail('phoneNumberId', 'Enter the Phone Number ID from Meta’s WhatsApp Manager');
        else if (!/^\d{5,30}$/.test(v.phoneNumberId)) fail('phoneNumberId', 'The Phone Number ID is digits only');
        if (v.businessAccountId && !/^\d{5,30}$/.test(v.businessAccountId))
          fail('businessAccountId', 'The Business Account ID is digits only');
        if (mode === 'create' && !v.accessToken) fail('accessToken', 'Enter the Access Token');
      }
    })
    .transform((v) => ({ ...v, address: routingAddressOf(v) }))
    .describe(
      'Twilio: address required (whatsapp:+E164). Meta: phoneNumberId required, accessToken required on create (blank on update = unchanged). aiAgentId required when active.',
    );
}
/**
 * The number's unique key within the tenant: Twilio's `whatsapp:+E164` (routes by
 * `To`); a Meta number is routed by its Phone Number ID, so `meta:{phoneNumberId}`.
 * Zod runs transforms on input that already failed a refinement: never throw here.
 */
function routingAddressOf(v: { provider: string; address?: string; phoneNumberId?: string }): string {
  if (v.provider === 'meta') return `meta:${v.phoneNumberId ?? ''}`;
  try {
    return toWhatsAppAddress(v.address ?? '');
  } catch {
    return v.address ?? '';
  }
}

export type NumberInput = z.output<ReturnType<typeof numberInputSchema>>;

export const numberActiveSchema = z.object({
  active: z.boolean({ required_error: 'Send active: true or false', invalid_type_error: 'Must be true or false' }),
});
