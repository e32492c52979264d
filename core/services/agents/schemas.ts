import { z } from 'zod';
import { checkbox } from '../../validation';

export const DEFAULT_AI_MODEL = 'gpt-4o-mini';

export const aiAgentInputSchema = z.object({
  name: z
    .string({ required_error: 'Enter a name' })
    .trim()
    .min(1, 'Enter a name')
    .max(80, 'Keep the name under 80 characters'),
  systemPrompt: z
    .string({ required_error: 'Write the system prompt: how the AI should behave' })
    .trim()
    .min(1, 'Write the system prompt: how the AI should behave')
    .max(8000, 'Keep the system prompt under 8000 characters'),
  model: z
    .string()
    .trim()
    .max(100, 'Model names are short, like gpt-4o-mini')
    .regex(/^[\w.:/-]*$/, 'A model name has letters, digits and - . : / _ only, like gpt-4o-mini')
    .optional()
    .transform((m) => (m ? m : DEFAULT_AI_MODEL))
    .describe(`Defaults to ${DEFAULT_AI_MODEL}`),
  whatsappEnabled: checkbox.describe('Defaults to false when absent'),
});
export type AiAgentInput = z.infer<typeof aiAgentInputSchema>;
