import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isDatabaseUnavailable } from '../core/db';
import { AppError, httpStatusOf } from '../core/errors';
import { FIELDS_NEED_ATTENTION, problemsOf } from '../core/validation';

/** Seconds a client should wait before retrying a 503 (providers have their own schedules). */
const RETRY_AFTER_SECONDS = 5;

/** Lets an async route throw: the error reaches the error handler instead of hanging. */
export const asyncRoute =
  (fn: (...args: Parameters<RequestHandler>) => Promise<unknown>): RequestHandler =>
  (req, res, next) => {
    fn(req, res, next).catch(next);
  };

/**
 * The one place an error becomes an HTTP answer. AppError carries its own status
 * and a message for people; a body the parser rejected is the client's fault;
 * a database that does not answer is an outage (503: providers retry webhooks);
 * anything else is logged and answered 500 without internals.
 */
export const errorHandler: ErrorRequestHandler = (thrown, req, res, _next) => {
  let err = thrown;
  if (isDatabaseUnavailable(err)) {
    console.warn(`[api] ${req.method} ${req.path}: the database is not answering (${(err as Error).message})`);
    err = new AppError('service_unavailable', 'The database is not answering; retry in a few seconds');
  }
  if (err instanceof AppError) {
    if (err.code === 'service_unavailable') res.set('retry-after', String(RETRY_AFTER_SECONDS));
    const error = err.message === FIELDS_NEED_ATTENTION && err.fields ? problemsOf(err.fields) : err.message;
    res.status(httpStatusOf(err.code)).json({ error, code: err.code, fields: err.fields });
    return;
  }
  const status = (err as { status?: number; type?: string }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    res.status(status).json({ error: `Bad request: ${(err as Error).message}`, code: 'bad_request' });
    return;
  }
  console.error(`[api] ${req.method} ${req.path} failed:`, err);
  res.status(500).json({ error: 'Something went wrong on our side; it has been logged.', code: 'internal' });
};
