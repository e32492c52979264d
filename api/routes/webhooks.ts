import express, { Router } from 'express';
import { acceptTwilioWebhook } from '../../core/services/inbound/accept-twilio-webhook';
import type { ApiDeps } from '../deps';
import { asyncRoute } from '../http-errors';
import { publicUrlOf } from '../public-url';
import { metaWebhookRoutes } from './webhooks-meta';

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

export function webhookRoutes(deps: ApiDeps): Router {
  const router = Router();

  router.post(
    '/twilio/:tenant',
    express.urlencoded({ extended: false, limit: '256kb' }),
    asyncRoute(async (req, res) => {
      await acceptTwilioWebhook(deps, {
        tenantSlug: req.params.tenant,
        url: publicUrlOf(req, deps.config.PUBLIC_BASE_URL),
        signature: req.get('x-twilio-signature'),
        params: req.body as Record<string, string>,
      });
      // Replies go out from the workflow, not in this response: Twilio gets empty TwiML fast.
      res.type('text/xml').send(EMPTY_TWIML);
    }),
  );

  router.use(metaWebhookRoutes(deps));

  return router;
}
