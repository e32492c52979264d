import type { Request } from 'express';

/**
 * The URL the provider called, which is what it signed. Behind a proxy or a
 * tunnel this process sees another host: PUBLIC_BASE_URL wins when set;
 * otherwise Express's view (which honours X-Forwarded-* when `trust proxy` is on).
 */
export function publicUrlOf(req: Request, publicBaseUrl: string | undefined): string {
  if (publicBaseUrl) return publicBaseUrl.replace(/\/+$/, '') + req.originalUrl;
  const forwardedHost = req.app.get('trust proxy') ? req.get('x-forwarded-host') : undefined;
  return `${req.protocol}://${forwardedHost ?? req.get('host')}${req.originalUrl}`;
}
