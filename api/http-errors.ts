import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isDatabaseUnavailable } from '../core/db';
import { AppError, httpErrorOf } from '../core/errors';

/** Lets an async route throw: the error reaches the error handler instead of hanging. */
export const asyncRoute =
  (fn: (...args: Parameters<RequestHandler>) => Promise<unknown>): RequestHandler =>
  (req, res, next) => {
    fn(req, res, next).catch(next);
  };

/**
 * Errors become answers by core's one mapping (httpErrorOf). A database that does
 * not answer is an outage (503: providers retry webhooks); anything unmapped is
 * logged and answered 500 without internals.
 */
export const errorHandler: ErrorRequestHandler = (thrown, req, res, _next) => {
  let err = thrown;
  if (isDatabaseUnavailable(err)) {
    console.warn(`[api] ${req.method} ${req.path}: the database is not answering (${(err as Error).message})`);
    err = new AppError('service_unavailable', 'The database is not answering; retry in a few seconds');
  }
  const answer = httpErrorOf(err);
  if (answer) {
    res.status(answer.status).set(answer.headers).json(answer.body);
    return;
  }
  console.error(`[api] ${req.method} ${req.path} failed:`, err);
  res.status(500).json({ error: 'Something went wrong on our side; it has been logged.', code: 'internal' });
};
