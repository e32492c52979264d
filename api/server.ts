import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import type { ApiDeps } from './deps';
import { createWebHandlers } from './web';

export interface RunningApi {
  url: string;
  close(): Promise<void>;
}

/** Starts the HTTP server: webhooks, API and the UI, on HOST:PORT (0 = any free port). */
export async function startApiServer(deps: ApiDeps, webMode: 'vite' | 'build'): Promise<RunningApi> {
  const server = http.createServer();
  const web = await createWebHandlers(
    deps,
    webMode,
    webMode === 'vite' && deps.config.NODE_ENV === 'development' ? server : undefined,
  );
  const app = createApp(deps, { web: web.handlers });
  server.on('request', app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.config.PORT, deps.config.HOST, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${deps.config.HOST}:${port}`,
    close: async () => {
      await web.close();
      app.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
