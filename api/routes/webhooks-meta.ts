import express, { Router } from 'express';
import { acceptMetaWebhook, verifyMetaSubscription } from '../../core/services/inbound/accept-meta-webhook';
import type { ApiDeps } from '../deps';
import { asyncRoute } from '../http-errors';

/** `/webhooks/meta/:tenant`: the subscription handshake (GET) and signed deliveries (POST). */
export function metaWebhookRoutes(deps: ApiDeps): Router {
  const router = Router();

  router.get(
    '/meta/:tenant',
    asyncRoute(async (req, res) => {
      const challenge = await verifyMetaSubscription(deps.db, req.params.tenant, req.query as Record<string, unknown>);
      res.type('text/plain').send(challenge);
    }),
  );

  router.post(
    '/meta/:tenant',
    // The raw bytes: the signature is over exactly what Meta sent.
    express.raw({ type: () => true, limit: '1mb' }),
    asyncRoute(async (req, res) => {
      const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const result = await acceptMetaWebhook(deps, {
        tenantSlug: req.params.tenant,
        rawBody,
        signature: req.get('x-hub-signature-256'),
      });
      res.json({ ok: true, ...result });
    }),
  );

  return router;
}
