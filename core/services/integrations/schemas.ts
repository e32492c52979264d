import { z } from 'zod';

export const twilioCredentialsSchema = z.object({
  accountSid: z
    .string({ required_error: 'Enter the Account SID' })
    .trim()
    .regex(/^AC[0-9a-fA-F]{32}$/, 'The Account SID starts with AC followed by 32 letters and digits (0-9, a-f)'),
  authToken: z
    .string({ required_error: 'Enter the Auth Token' })
    .trim()
    .min(1, 'Enter the Auth Token')
    .max(200)
    .describe('Checked against Twilio before saving; stored encrypted, never returned'),
});
export type TwilioCredentialsInput = z.infer<typeof twilioCredentialsSchema>;

export const metaAppSchema = z.object({
  appSecret: z
    .string({ required_error: 'Enter the App Secret' })
    .trim()
    .min(8, 'The App Secret is the long value under App settings → Basic in Meta for Developers')
    .max(200)
    .describe('Stored encrypted, never returned'),
});
export type MetaAppInput = z.infer<typeof metaAppSchema>;
