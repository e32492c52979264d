import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, httpStatusOf } from '../core/errors';

/** Lets an async route throw: the error reaches the error handler instead of hanging. */
export const asyncRoute =
  (fn: (...args: Parameters<RequestHandler>) => Promise<unknown>): RequestHandler =>
  (req, res, next) => {
    fn(req, res, next).catch(next);
  };

/**
 * The one place an error becomes an HTTP answer. AppError carries its own status
 * and a message for people; a body the parser rejected is the client's fault;
 * anything else is logged and answered 500 without internals.
 */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (err instanceof AppError) {
    res.status(httpStatusOf(err.code)).json({ error: err.message, code: err.code, fields: err.fields });
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
