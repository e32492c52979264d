import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

type Directives = Record<string, Iterable<string | ((req: IncomingMessage, res: ServerResponse) => string)>>;

/** The nonce this response's inline scripts (and styles) carry: new for every request. */
export function cspNonceOf(res: { locals: Record<string, unknown> }): string {
  return res.locals.cspNonce as string;
}

export const nonceSource = (_req: IncomingMessage, res: ServerResponse) =>
  `'nonce-${(res as unknown as { locals: Record<string, unknown> }).locals.cspNonce as string}'`;

/** What the Remix pages need: our own scripts, styles and media, the live stream; inline only with the nonce. */
export const APP_CSP: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'", nonceSource],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", nonceSource],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'font-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * Security headers on every response (helmet): a CSP with a per-request nonce
 * (`res.locals.cspNonce`), no framing, nosniff, Referrer-Policy, COOP; HSTS and
 * upgrade-insecure-requests only when the request came over https (`req.secure`,
 * which honours TRUST_PROXY). A route may set a stricter CSP of its own (media).
 * See docs/decisions/0061.
 */
export function securityHeaders(directives: Directives = APP_CSP): RequestHandler[] {
  const plain = helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    // Same-origin form posts keep their Origin header (the CSRF check reads it); other sites get nothing.
    referrerPolicy: { policy: 'same-origin' },
    frameguard: { action: 'deny' },
    strictTransportSecurity: false,
  });
  const https = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { ...directives, 'upgrade-insecure-requests': [] } },
    referrerPolicy: { policy: 'same-origin' },
    frameguard: { action: 'deny' },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  });
  return [
    (_req, res, next) => {
      res.locals.cspNonce = randomBytes(16).toString('base64');
      next();
    },
    (req, res, next) => (req.secure ? https(req, res, next) : plain(req, res, next)),
  ];
}
