import { z } from 'zod';
import { fieldsNeedAttention } from './errors';

/**
 * The one input parser: every service, route and page parses what a client sent
 * with it. Bad input becomes one 400 AppError whose `fields` map each field to the
 * first message written for a person (httpErrorOf names them all to a JSON client).
 */
export function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw fieldsNeedAttention(fieldErrorsOf(parsed.error));
}

function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || 'body';
    fields[key] ??= issue.message;
  }
  return fields;
}

/** A checkbox: HTML forms send "on" or nothing, JSON clients send a boolean. */
export const checkbox = z.preprocess(
  (v) => (v === 'on' || v === 'true' ? true : v === undefined || v === null || v === '' || v === 'false' ? false : v),
  z.boolean({ invalid_type_error: 'Must be true or false' }),
);

/** An optional text field: blank (as forms send it) means absent. */
export const optionalText = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v),
  z.string({ invalid_type_error: 'Must be text' }).optional(),
);
