/**
 * The baseline of the inbound benchmark, run as its own process: an Express app
 * that only checks the webhook's signature (Twilio: X-Twilio-Signature over URL +
 * params; Meta: HMAC-SHA256 of the raw body) and answers 200. What any webhook
 * receiver on this box costs, before Helios does anything with the message.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import express from 'express';
import twilio from 'twilio';

const twilioAuthToken = process.env.BARE_TWILIO_AUTH_TOKEN ?? '';
const metaAppSecret = process.env.BARE_META_APP_SECRET ?? '';

const app = express();
app.post('/webhooks/twilio/:tenant', express.urlencoded({ extended: false }), (req, res) => {
  const url = `${req.protocol}://${req.get('host')}${req.originalUrl}`;
  const ok = twilio.validateRequest(twilioAuthToken, req.get('x-twilio-signature') ?? '', url, req.body);
  res
    .status(ok ? 200 : 403)
    .type('text/xml')
    .send('<Response/>');
});
app.post('/webhooks/meta/:tenant', express.raw({ type: 'application/json' }), (req, res) => {
  const expected = Buffer.from(`sha256=${createHmac('sha256', metaAppSecret).update(req.body).digest('hex')}`);
  const given = Buffer.from(req.get('x-hub-signature-256') ?? '');
  const ok = given.length === expected.length && timingSafeEqual(given, expected);
  res.sendStatus(ok ? 200 : 403);
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(`[bare] listening on http://127.0.0.1:${address.port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
