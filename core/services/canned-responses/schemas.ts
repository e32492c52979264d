import { z } from 'zod';
import { PLACEHOLDERS, unknownPlaceholders } from './placeholders';

const known = PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ');

export const cannedResponseInputSchema = z.object({
  title: z
    .string({ required_error: 'Enter a title' })
    .trim()
    .min(1, 'Enter a title')
    .max(80, 'Keep the title under 80 characters'),
  text: z
    .string({ required_error: 'Write the reply text' })
    .trim()
    .min(1, 'Write the reply text')
    .max(2000, 'Keep the reply under 2000 characters')
    .superRefine((text, ctx) => {
      const unknown = unknownPlaceholders(text);
      if (unknown.length > 0) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `Unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: use ${known}`,
        });
      }
    })
    .describe(`May contain the placeholders ${known}`),
});
export type CannedResponseInput = z.infer<typeof cannedResponseInputSchema>;
