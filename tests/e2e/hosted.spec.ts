// The production build on a plain static host, under a sub-path as on GitHub Pages
// (http://127.0.0.1:<E2E_PORT+1>/playground/, scripts/staticServer.ts: no COOP/COEP, no CSP header, no HTTP
// caching). The first visit works without the service worker; once it is in control the page is
// cross-origin isolated with the CSP as strict as ever; after one visit both labs load and train offline, and
// WASM threads (asked for with `threads=0`) start from their precached scripts.
import { serveStatic, type StaticServer } from '../../scripts/staticServer';
import { CSP, HEADER_CSP } from '../../src/site/csp';
import { expect, test } from './fixtures';
import { classifyTrains, STATIC_PORT, textLabTrains, waitForIsolation } from './hosting';
import { tinyWasmModel } from './textLab';
import type { Page } from '@playwright/test';

let server: StaticServer;
test.beforeAll(async () => {
  server = await serveStatic('dist', STATIC_PORT, '/playground/');
});
test.afterAll(async () => server?.close());
test.use({ baseURL: `http://127.0.0.1:${STATIC_PORT}/playground/`, serviceWorkers: 'allow' });

/** Opens the Text lab on its built-in corpus (fetched from corpus/sotu.txt) with a tiny WASM model. */
async function openTextLab(page: Page): Promise<void> {
  await page.getByTestId('nav-text').click();
  await expect(page).toHaveTitle('Text · Backprop Playground');
  await expect(page.getByTestId('corpus-current')).toContainText(/State of the Union/i, { timeout: 60_000 });
  await expect(page.getByTestId('corpus-chars')).not.toHaveText('', { timeout: 60_000 });
  await tinyWasmModel(page);
}

test.describe('first visit, before the service worker', () => {
  test.use({ serviceWorkers: 'block' });

  test('the labs load under the sub-path: Classify trains, the Text lab trains on its built-in corpus, Speed opens', async ({ page }) => {
    const response = await page.goto('./#/classify');
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle('Classify · Backprop Playground');
    await classifyTrains(page);
    await openTextLab(page);
    await textLabTrains(page);
    await page.getByTestId('nav-speed').click();
    await expect(page).toHaveTitle('Speed · Backprop Playground');
    await expect(page.getByTestId('speed-run')).toBeVisible({ timeout: 60_000 });
  });

  test('the page links its icons, manifest and social preview, and each resolves under the sub-path', async ({ page, request }) => {
    await page.goto('./');
    const base = page.url();
    const links = await page.evaluate(() => ({
      icons: [...document.querySelectorAll<HTMLLinkElement>('link[rel~="icon"], link[rel="apple-touch-icon"]')].map((l) => l.href),
      manifest: document.querySelector<HTMLLinkElement>('link[rel="manifest"]')?.href ?? '',
      ogImage: document.querySelector<HTMLMetaElement>('meta[property="og:image"]')?.content ?? '',
      twitterCard: document.querySelector<HTMLMetaElement>('meta[name="twitter:card"]')?.content ?? '',
    }));
    expect(links.icons.length).toBeGreaterThanOrEqual(3);
    expect(links.twitterCard).toBe('summary_large_image');
    for (const url of [...links.icons, links.manifest, new URL(links.ogImage, base).href, new URL('robots.txt', base).href]) {
      expect(url.startsWith(base), `${url} is under ${base}`).toBe(true);
      expect((await request.get(url)).status(), url).toBe(200);
    }
    const manifest = (await (await request.get(links.manifest)).json()) as { start_url: string; scope: string; icons: { src: string; sizes: string; purpose: string }[] };
    expect(manifest.scope).toBe('./');
    expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
    for (const icon of manifest.icons) expect((await request.get(new URL(icon.src, links.manifest).href)).status(), icon.src).toBe(200);
  });
});

test('once the service worker is in control the page is cross-origin isolated, and the CSP is as strict as before', async ({ page }) => {
  await page.goto('./#/classify');
  await waitForIsolation(page);
  const sw = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    return { scope: reg?.scope, script: navigator.serviceWorker.controller?.scriptURL, sab: typeof SharedArrayBuffer };
  });
  expect(sw).toEqual({ scope: server.url, script: `${server.url}sw.js`, sab: 'function' });

  // The page itself, as the service worker serves it (the static server sends none of these headers).
  const response = await page.reload();
  expect(response?.fromServiceWorker()).toBe(true);
  const headers = response!.headers();
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(headers['cross-origin-embedder-policy']).toBe('require-corp');
  expect(headers['content-security-policy']).toBe(HEADER_CSP); // plus frame-ancestors: labs can be embedded
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', CSP);
  expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
  // As strict as today: no eval, nothing from another origin, no wildcard.
  const sources = CSP.split(';').flatMap((d) => d.trim().split(/\s+/).slice(1));
  expect(sources).not.toContain("'unsafe-eval'");
  expect(sources.filter((s) => /^(https?:|wss?:|\*)/.test(s) || s.includes('*'))).toEqual([]);
  expect(CSP).toMatch(/script-src 'self' 'wasm-unsafe-eval'(;|$)/);

  // Both labs train with isolation on (TensorFlow.js's WASM backend on one thread by default, wasmThreads.ts).
  await classifyTrains(page);
  await openTextLab(page);
  await expect(page.getByTestId('text-status-backend')).toHaveText('wasm');
  await textLabTrains(page);
  expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
});

test('after one visit, both labs load and train with the network off', async ({ page, context }) => {
  await page.goto('./#/classify');
  await waitForIsolation(page);
  await context.setOffline(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  // The server is really unreachable from the page's point of view: a request the worker passes on fails.
  expect(await page.evaluate(() => fetch('./not-precached.txt').then(() => 'reached', () => 'offline'))).toBe('offline');

  const response = await page.reload();
  expect(response?.fromServiceWorker()).toBe(true);
  await expect(page).toHaveTitle('Classify · Backprop Playground');
  await classifyTrains(page);
  await openTextLab(page);
  await textLabTrains(page);
  await page.getByTestId('nav-speed').click();
  await expect(page.getByTestId('speed-run')).toBeVisible({ timeout: 60_000 });
  await context.setOffline(false);
});

test('WASM threads run under the service worker, offline too: their scripts are precached and served with the isolation headers', async ({ page, context }) => {
  await page.goto('./#/classify');
  await waitForIsolation(page);
  await context.setOffline(true);
  expect((await page.reload())?.fromServiceWorker()).toBe(true);
  await page.goto('./#/text?threads=0'); // one thread per core (the default is one: wasmThreads.ts)
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const perCore = Math.min(8, Math.max(1, cores));
  await expect(page.getByTestId('corpus-chars')).not.toHaveText('', { timeout: 60_000 });
  await tinyWasmModel(page);
  await expect(page.getByTestId('text-status-wasm')).toHaveText(`WASM · SIMD · ${perCore} thread${perCore === 1 ? '' : 's'}`);
  await textLabTrains(page);
  await context.setOffline(false);
});
