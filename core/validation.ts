import { z } from 'zod';
import { AppError } from './errors';

/**
 * Parses input with a schema; bad input becomes one 400 AppError whose `fields`
 * map each field to the first message written for a person.
 */
export function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new AppError('bad_request', FIELDS_NEED_ATTENTION, fieldErrorsOf(parsed.error));
}

/** A form shows each message beside its field under this banner; a JSON client gets the messages (api/http-errors.ts). */
export const FIELDS_NEED_ATTENTION = 'Some fields need attention.';

/** Every field's problem once, for a client that reads only the error line. */
export function problemsOf(fields: Record<string, string>): string {
  return [...new Set(Object.values(fields))].join('; ');
}

export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
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
