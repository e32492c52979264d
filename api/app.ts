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

const READY_CHECK_MS = 2000;

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
    // Both at once, each bounded: a probe must answer even while a dependency hangs.
    const [mongodb, temporal] = await Promise.all([
      answersWithin(READY_CHECK_MS, () => deps.db.connection.db!.admin().ping()),
      deps.temporal
        .withDeadline(Date.now() + READY_CHECK_MS, () => deps.temporal.workflowService.getSystemInfo({}))
        .then(
          () => true,
          () => false,
        ),
    ]);
    res.status(mongodb && temporal ? 200 : 503).json({ mongodb, temporal });
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

/** True if `check` succeeds within `ms` (the MongoDB driver would otherwise wait out its server selection). */
async function answersWithin(ms: number, check: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([
      check().then(
        () => true,
        () => false,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
