import type { RequestHandler } from 'express';
import type { Config } from '../core/config';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for the UI's forms and the JSON API (docs/decisions/0004): the
 * session cookie is SameSite=Lax, and a state-changing request whose browser
 * says it comes from another site (Origin, or Sec-Fetch-Site) is refused.
 * Requests without either header are not from a browser page (curl, scripts):
 * they carry no ambient cookie an attacker could ride on. Webhooks are exempt:
 * providers post them from their servers, authenticated by signature, not cookie.
 */
export function sameOriginOnly(config: Pick<Config, 'PUBLIC_BASE_URL'>): RequestHandler {
  const publicOrigin = config.PUBLIC_BASE_URL ? new URL(config.PUBLIC_BASE_URL).origin : undefined;
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method) || req.path.startsWith('/webhooks/')) return next();
    const origin = req.get('origin');
    const fetchSite = req.get('sec-fetch-site');
    const ownOrigin = `${req.protocol}://${req.get('host')}`;
    const crossOrigin = origin !== undefined && origin !== ownOrigin && origin !== publicOrigin;
    if (crossOrigin || fetchSite === 'cross-site') {
      res.status(403).json({
        error: 'This request came from another site and was refused. Use the Helios pages or the API directly.',
        code: 'forbidden',
      });
      return;
    }
    next();
  };
}
