// A new version deployed while the playground is open: the page offers "Update" and never runs a mix of two
// versions. The build is copied to a folder served by the plain static server (scripts/staticServer.ts);
// "deploying" changes index.html and its revision in sw.js, as a new build would.
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveStatic, type StaticServer } from '../../scripts/staticServer';
import { seriousAxeViolations } from './axe';
import { expect, test } from './fixtures';
import { STATIC_PORT, waitForIsolation } from './hosting';
import type { Page } from '@playwright/test';

const PORT = STATIC_PORT + 1;
let server: StaticServer;
let site: string;
test.beforeAll(async () => {
  site = join(mkdtempSync(join(tmpdir(), 'playground-')), 'site');
  cpSync('dist', site, { recursive: true });
  server = await serveStatic(site, PORT, '/playground/');
});
test.afterAll(async () => {
  await server?.close();
  rmSync(join(site, '..'), { recursive: true, force: true });
});
test.use({ baseURL: `http://127.0.0.1:${PORT}/playground/`, serviceWorkers: 'allow' });

/** Publishes "version 2": a marker in index.html, and the new revision of index.html in sw.js's precache
 *  list (Workbox's revision is the file's MD5), so the browser finds a new service worker. */
function deployVersion2(): void {
  const md5 = (text: string) => createHash('md5').update(text).digest('hex');
  const html = readFileSync(`${site}/index.html`, 'utf8');
  const next = html.replace('<head>', '<head>\n    <meta name="x-build" content="2" />');
  const sw = readFileSync(`${site}/sw.js`, 'utf8');
  const entry = `{"revision":"${md5(html)}","url":"index.html"}`;
  expect(sw).toContain(entry);
  writeFileSync(`${site}/index.html`, next);
  writeFileSync(`${site}/sw.js`, sw.replace(entry, `{"revision":"${md5(next)}","url":"index.html"}`));
}

const build = (page: Page) => page.evaluate(() => document.querySelector<HTMLMetaElement>('meta[name="x-build"]')?.content ?? '1');
const checkForUpdate = (page: Page) => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

test('a new version waits until the user accepts "Update"; then every open tab reloads into it', async ({ page, context }, testInfo) => {
  await page.goto('./#/classify');
  await waitForIsolation(page);
  const other = await context.newPage();
  await other.goto('./#/text');
  await expect(other.getByTestId('text-status-backend')).toBeVisible({ timeout: 60_000 });
  expect(await build(page)).toBe('1');

  deployVersion2();
  await checkForUpdate(page);
  const notice = page.getByTestId('update-notice');
  await expect(notice).toBeVisible({ timeout: 60_000 });
  await expect(notice.getByRole('status')).toHaveText('A new version of the playground is ready.');
  expect(await seriousAxeViolations(page, '[data-testid="update-notice"]')).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('update-notice.png') });

  // Until accepted, the old worker serves the old build, even across a reload; the offer comes back.
  await page.reload();
  expect(await build(page)).toBe('1');
  await expect(notice).toBeVisible({ timeout: 30_000 });
  // "Later" hides it for this page view.
  await notice.getByRole('button', { name: 'Later' }).click();
  await expect(notice).toHaveCount(0);
  await page.reload();
  await expect(notice).toBeVisible({ timeout: 30_000 });

  // Accept: this tab and the other reload into version 2.
  await Promise.all([page.waitForEvent('load'), other.waitForEvent('load'), notice.getByRole('button', { name: 'Update' }).click()]);
  await expect.poll(() => build(page).catch(() => 'reloading')).toBe('2');
  await expect.poll(() => build(other).catch(() => 'reloading')).toBe('2');
  await expect(notice).toHaveCount(0);
  await waitForIsolation(page);
  await expect(other.getByTestId('text-status-backend')).toBeVisible({ timeout: 60_000 });
});
