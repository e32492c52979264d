import { json } from '@remix-run/node';
import { httpErrorOf } from '../../../core/errors';

export type ActionResult =
  | { ok: true; intent: string; message?: string }
  | { ok: false; intent: string; error: string; fields: Record<string, string> };

/**
 * Runs one form intent through a core service. An error the one mapping knows
 * (httpErrorOf) comes back to the form (message + per-field messages, with its HTTP
 * status); anything else is a real failure and reaches the error boundary.
 */
export async function runIntent(intent: string, fn: () => Promise<string | void>) {
  try {
    const message = await fn();
    return json<ActionResult>({ ok: true, intent, ...(message ? { message } : {}) });
  } catch (err) {
    const answer = httpErrorOf(err);
    if (!answer) throw err;
    return json<ActionResult>(
      { ok: false, intent, error: answer.message, fields: answer.body.fields ?? {} },
      { status: answer.status, headers: answer.headers },
    );
  }
}

/** For loaders: a known error (e.g. not found) becomes an HTTP response the route's error boundary shows. */
export function asHttpError(err: unknown): never {
  const answer = httpErrorOf(err);
  if (answer) throw new Response(answer.message, { status: answer.status, headers: answer.headers });
  throw err;
}
