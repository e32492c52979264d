import { json } from '@remix-run/node';
import { AppError, httpStatusOf } from '../../../core/errors';

export type ActionResult =
  | { ok: true; intent: string; message?: string }
  | { ok: false; intent: string; error: string; fields: Record<string, string> };

/**
 * Runs one form intent through a core service. An AppError comes back to the
 * form (message + per-field messages, with its HTTP status); anything else is a
 * real failure and reaches the error boundary.
 */
export async function runIntent(intent: string, fn: () => Promise<string | void>) {
  try {
    const message = await fn();
    return json<ActionResult>({ ok: true, intent, ...(message ? { message } : {}) });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return json<ActionResult>(
      { ok: false, intent, error: err.message, fields: err.fields ?? {} },
      { status: httpStatusOf(err.code) },
    );
  }
}

/** For loaders: an AppError (e.g. not found) becomes an HTTP response the route's error boundary shows. */
export function asHttpError(err: unknown): never {
  if (err instanceof AppError) throw new Response(err.message, { status: httpStatusOf(err.code) });
  throw err;
}
