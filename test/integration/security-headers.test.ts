/** Security headers on pages and API responses, a CSP the pages run under (issue 13, item 3). */
import request from 'supertest';
import type { Browser } from 'playwright-core';
import { createApp } from '../../api/app';
import { launchBrowser, signIn } from '../helpers/browser';
import { eventually, startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startTestStack('headers');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

function cspOf(headers: Headers): Record<string, string> {
  const csp = headers.get('content-security-policy') ?? '';
  return Object.fromEntries(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values.join(' ')]),
  );
}

test('a page carries a CSP whose nonce is new on every response and on every inline script', async () => {
  const first = await fetch(`${stack.url}/login`);
  const second = await fetch(`${stack.url}/login`);
  const html = await first.text();
  const csp = cspOf(first.headers);
  const nonce = /'nonce-([^']+)'/.exec(csp['script-src'])?.[1];
  expect(nonce).toBeTruthy();
  expect(cspOf(second.headers)['script-src']).not.toBe(csp['script-src']);
  expect(csp).toMatchObject({
    'default-src': "'self'",
    'object-src': "'none'",
    'frame-ancestors': "'none'",
    'base-uri': "'self'",
    'form-action': "'self'",
  });
  expect(csp['script-src']).not.toContain('unsafe-inline');
  const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]);
  expect(inlineScripts.length).toBeGreaterThan(0);
  for (const attributes of inlineScripts) expect(attributes).toContain(`nonce="${nonce}"`);
});

test('pages and API answers say: no framing, no sniffing, same-origin referrer and opener; no HSTS over http', async () => {
  for (const path of ['/login', '/api/auth/me', '/api/openapi.json', '/healthz']) {
    const res = await fetch(stack.url + path);
    expect([path, res.headers.get('x-frame-options')]).toEqual([path, 'DENY']);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect(cspOf(res.headers)['frame-ancestors']).toBe("'none'");
  }
});

test('behind a TLS proxy (TRUST_PROXY=true, X-Forwarded-Proto: https) answers carry HSTS and upgrade requests', async () => {
  const behindProxy = createApp({ ...stack, config: { ...stack.config, TRUST_PROXY: true } });
  const direct = createApp({ ...stack, config: { ...stack.config, TRUST_PROXY: false } });
  try {
    const https = await request(behindProxy).get('/healthz').set('x-forwarded-proto', 'https');
    expect(https.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(https.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    // Without trust proxy anyone could send the header: it is ignored.
    const spoofed = await request(direct).get('/healthz').set('x-forwarded-proto', 'https');
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();
  } finally {
    behindProxy.close();
    direct.close();
  }
});

test('the inbox, notifications, integrations and AI agents pages run under the CSP with no violation logged', async () => {
  const page = await browser.newPage();
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportViolation(v: string): void }).reportViolation(
        `${e.violatedDirective} ${e.blockedURI}`,
      ),
    ),
  );
  await signIn(page, stack.url, 'owner@demo.test');
  await page.waitForFunction(() => '__remixRouter' in window);
  await page.goto(`${stack.url}/app/demo/whatsapp/notifications`);
  await page.goto(`${stack.url}/app/demo/integrations`);
  await page.goto(`${stack.url}/app/demo/agents`);
  expect(violations).toEqual([]);
  await page.close();
});

test('an inline script without the nonce is blocked, and the browser helper fails the test over it', async () => {
  const page = await browser.newPage();
  await page.goto(`${stack.url}/login`);
  const logged: string[] = [];
  const spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.join(' ')));
  try {
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      const violated = new Promise((resolve) => document.addEventListener('securitypolicyviolation', resolve));
      document.body.append(script);
      await violated;
      return 'injected' in window;
    });
    expect(ran).toBe(false);
    await eventually(
      async () => logged.some((l) => /\[browser\].*Content Security Policy/.test(l)),
      'the logged violation',
    );
  } finally {
    spy.mockRestore();
    await page.close();
  }
});
