/**
 * One typed error for the domain. `code` decides the HTTP status in exactly one
 * place (httpStatusOf); `message` is written for the person who will read it.
 */
export type AppErrorCode =
  'bad_request' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited' | 'service_unavailable';

const STATUS: Record<AppErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
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

export function httpStatusOf(code: AppErrorCode): number {
  return STATUS[code];
}

export const notFound = (what: string) => new AppError('not_found', `${what} was not found`);
