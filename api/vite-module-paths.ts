import path from 'node:path';
import type { RequestHandler } from 'express';

/**
 * Dev only: which requests may reach Vite's middleware. Vite serves any file
 * under its root (the whole checkout: `.data/dev/secrets.json`, the databases,
 * server source) and opens editors on request, so it only ever sees what the
 * browser needs to run the UI: Vite's client, Remix's virtual modules, the
 * client modules under web/app and dependencies under node_modules. Everything
 * else falls through to Remix, which answers 404. See docs/decisions/0060.
 */
export function viteModulesOnly(root: string, vite: RequestHandler): RequestHandler {
  const isServable = viteMayServe(root);
  return (req, res, next) => (isServable(req.url) ? vite(req, res, next) : next());
}

const VITE_PREFIXES = ['/@vite/client', '/@vite/env', '/@react-refresh', '/@id/__x00__virtual:remix/'];

export function viteMayServe(root: string): (url: string) => boolean {
  const appDir = '/web/app/';
  const deps = '/node_modules/';
  const fsPrefix = `/@fs${root}`;
  return (url) => {
    const [rawPath, ...query] = url.split('?');
    // `?raw` reads any file as text; the UI never asks for it.
    if (query.join('?').includes('raw')) return false;
    let pathname: string;
    try {
      pathname = decodeURIComponent(rawPath);
    } catch {
      return false;
    }
    // No climbing out (`..`), no hidden files (`.env`, `.data`, `.git`) except Vite's dependency cache.
    const segments = pathname.split('/');
    if (pathname.includes('\\') || pathname.includes('\0')) return false;
    if (segments.some((s, i) => s.startsWith('.') && !(s === '.vite' && segments[i - 1] === 'node_modules')))
      return false;
    if (VITE_PREFIXES.some((prefix) => pathname.startsWith(prefix))) return true;
    const file = pathname.startsWith(`${fsPrefix}/`) ? pathname.slice(fsPrefix.length) : pathname;
    if (file !== path.posix.normalize(file)) return false;
    // Server-only modules (*.server.ts) never go to the browser.
    if (file.startsWith(appDir)) return !/\.server(\.|\/)/.test(file);
    return file.startsWith(deps);
  };
}
