import express, { type Express, type RequestHandler } from 'express';
import { sameOriginOnly } from './csrf';
import { securityHeaders } from './security-headers';
import { authRoutes } from './routes/auth';
import { openApiRoutes } from './routes/openapi';
import { tenantApiRoutes } from './routes/tenant-api';
import type { ApiDeps } from './deps';
import { errorHandler } from './http-errors';
import { webhookRoutes } from './routes/webhooks';
import { eventStreamRoutes } from './routes/events';

export interface AppOptions {
  /** The UI: static assets + Remix request handler, mounted last. */
  web?: RequestHandler[];
}

export function createApp(deps: ApiDeps, options: AppOptions = {}): Express & { close(): void } {
  const app = express();
  app.disable('x-powered-by');
  if (deps.config.TRUST_PROXY) app.set('trust proxy', true);
  app.use(securityHeaders());

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', async (_req, res) => {
    const checks = {
      mongodb: await deps.db.connection
        .db!.admin()
        .ping()
        .then(
          () => true,
          () => false,
        ),
      temporal: await deps.temporal
        .withDeadline(Date.now() + 2000, () => deps.temporal.workflowService.getSystemInfo({}))
        .then(
          () => true,
          () => false,
        ),
    };
    res.status(Object.values(checks).every(Boolean) ? 200 : 503).json(checks);
  });

  // Everything but webhooks rides on the session cookie: cross-site writes are refused (ADR 0004).
  app.use(sameOriginOnly(deps.config));

  app.use('/webhooks', webhookRoutes(deps));
  app.use('/webhooks', errorHandler);
  const events = eventStreamRoutes(deps);
  app.use('/api/tenants/:tenant', tenantApiRoutes(deps, events.router));
  app.use('/api', express.json({ limit: '64kb' }));
  app.use('/api', openApiRoutes());
  app.use('/api/auth', authRoutes(deps));
  app.use('/api', (req, res) => {
    res.status(404).json({ error: `No API route ${req.method} ${req.originalUrl}`, code: 'not_found' });
  });
  app.use('/api', errorHandler);

  for (const handler of options.web ?? []) app.use(handler);
  app.use(errorHandler);
  return Object.assign(app, { close: () => events.close() });
}
