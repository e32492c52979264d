import { vitePlugin as remix } from '@remix-run/dev';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    remix({
      appDirectory: 'web/app',
      buildDirectory: 'build/web',
      // The Express server (CommonJS) requires the server build.
      serverModuleFormat: 'cjs',
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
  ],
  server: {
    host: '127.0.0.1',
    // Dev serves modules from the app and its dependencies only; api/vite-module-paths.ts
    // also keeps every other path away from Vite (docs/decisions/0060).
    fs: {
      strict: true,
      allow: ['web/app', 'node_modules'],
      deny: ['.env', '.env.*', '*.{crt,pem}', '**/.git/**', '**/.data/**', '*.server.*'],
    },
  },
  clearScreen: false,
});
