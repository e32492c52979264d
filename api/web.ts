import path from 'node:path';
import type { Server } from 'node:http';
import express, { type RequestHandler } from 'express';
import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import { projectRoot } from '../core/paths';
import type { ApiDeps } from './deps';
import { viteModulesOnly } from './vite-module-paths';
import { cspNonceOf } from './security-headers';

const ROOT = projectRoot();
const BUILD_DIR = path.join(ROOT, 'build/web');

export interface WebHandlers {
  handlers: RequestHandler[];
  close(): Promise<void>;
}

/**
 * The Remix UI as Express middleware. `vite`: compiled on request from source,
 * for dev and tests. `build`: the output of `npm run build`, for production.
 */
export async function createWebHandlers(
  deps: ApiDeps,
  mode: 'vite' | 'build',
  httpServer?: Server,
): Promise<WebHandlers> {
  // The client address keys the login rate limit (Express knows it, honouring trust proxy).
  const getLoadContext = (req: express.Request, res: express.Response) => ({
    deps,
    clientAddress: req.ip ?? 'unknown',
    cspNonce: cspNonceOf(res),
  });
  if (mode === 'build') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const build = require(path.join(BUILD_DIR, 'server/index.js')) as ServerBuild;
    return {
      handlers: [
        express.static(path.join(BUILD_DIR, 'client/assets'), { immutable: true, maxAge: '1y', index: false }),
        express.static(path.join(BUILD_DIR, 'client'), { maxAge: '1h', index: false }),
        createRequestHandler({ build, getLoadContext }),
      ],
      close: async () => {},
    };
  }
  const vite = await import('vite');
  const server = await vite.createServer({
    root: ROOT,
    configFile: path.join(ROOT, 'vite.config.mts'),
    server: { middlewareMode: true, hmr: httpServer ? { server: httpServer } : false },
    appType: 'custom',
    logLevel: 'warn',
  });
  return {
    handlers: [
      viteModulesOnly(ROOT, server.middlewares),
      createRequestHandler({
        build: () => server.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>,
        getLoadContext,
      }),
    ],
    close: () => server.close(),
  };
}
