/**
 * One typed error for the domain and the one mapping from an error to an HTTP
 * answer (httpErrorOf), used by the JSON API and the pages alike. `code` decides
 * the status; `message` is written for the person who will read it.
 */
export type AppErrorCode =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'rate_limited'
  | 'service_unavailable';

const STATUS: Record<AppErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  rate_limited: 429,
  service_unavailable: 503,
};

/** Every code a client can meet (the OpenAPI document lists them). */
export const APP_ERROR_CODES = Object.keys(STATUS) as [AppErrorCode, ...AppErrorCode[]];

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} was not found`);

/** A form shows each message beside its field under this banner; a JSON client gets the messages themselves. */
export const FIELDS_NEED_ATTENTION = 'Some fields need attention.';

/** Bad input: one 400 whose `fields` map each field to its message. */
export const fieldsNeedAttention = (fields: Record<string, string>) =>
  new AppError('bad_request', FIELDS_NEED_ATTENTION, fields);

/** Seconds a client should wait before retrying a 503 (providers have their own schedules). */
const RETRY_AFTER_SECONDS = 5;

/** What a client is told about an error. */
export interface HttpError {
  status: number;
  headers: Record<string, string>;
  /** The JSON API's answer: `error` names every field's problem once, for a client that reads only it. */
  body: { error: string; code: AppErrorCode; fields?: Record<string, string> };
  /** What a page shows above its form (the banner, when each field shows its own message). */
  message: string;
}

/**
 * The one mapping from an error to an HTTP answer. An AppError carries its code; a
 * body the HTTP parser rejected (it sets a 4xx `status`) is the client's fault.
 * Anything else is ours: null, and the caller logs it and answers 500 without internals.
 */
export function httpErrorOf(err: unknown): HttpError | null {
  if (err instanceof AppError) {
    const error =
      err.message === FIELDS_NEED_ATTENTION && err.fields
        ? [...new Set(Object.values(err.fields))].join('; ')
        : err.message;
    return {
      status: STATUS[err.code],
      headers: err.code === 'service_unavailable' ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : {},
      body: { error, code: err.code, ...(err.fields ? { fields: err.fields } : {}) },
      message: err.message,
    };
  }
  const status = (err as { status?: unknown } | null)?.status;
  if (err instanceof Error && typeof status === 'number' && status >= 400 && status < 500) {
    const error = `Bad request: ${err.message}`;
    return { status, headers: {}, body: { error, code: 'bad_request' }, message: error };
  }
  return null;
}
