// Embedding a lab in a course page: the page (the production build, on E2E_PORT) inside an <iframe> of a host
// page on another site (http://localhost:<E2E_PORT+1>, scripts/staticServer.ts). The embedded Classify lab
// trains, the embedded Text lab loads the setup from its link and trains, the locked controls are hidden, the
// "Open the full playground" link is there, and anything but a lab shows only a card when framed. The Share
// dialog writes the <iframe> snippet that the host page uses.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_SAVED_SETTINGS } from '../../src/labs/text/persistence/autosaveRecords';
import { textLinkParam } from '../../src/labs/text/shareLink';
import { serveStatic, type StaticServer } from '../../scripts/staticServer';
import { STATIC_PORT } from './hosting';
import { CORPUS } from './textLab';

const HOST_DIR = join('test-results', 'embed-host');
let host: StaticServer;

test.beforeAll(async () => {
  mkdirSync(HOST_DIR, { recursive: true });
  host = await serveStatic(HOST_DIR, STATIC_PORT, '/course/');
});
test.afterAll(async () => host?.close());

/** Writes a course page holding `snippet` and opens it from the host's other site (localhost, not 127.0.0.1). */
async function openCoursePage(page: Page, name: string, snippet: string) {
  writeFileSync(join(HOST_DIR, `${name}.html`), `<!doctype html><html lang="en"><title>Course</title><body style="margin:0"><h1>Week 3</h1>${snippet}</body></html>`);
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/.test(msg.text())) errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(`http://localhost:${STATIC_PORT}/course/${name}.html`);
  return { frame: page.frameLocator('iframe'), errors };
}

const iframe = (src: string, height = 820) => `<iframe src="${src.replace(/&/g, '&amp;')}" title="lab" width="100%" height="${height}" loading="lazy" style="border: 0"></iframe>`;

test('the Share dialog writes an iframe snippet; the embedded Classify lab trains with its locked controls hidden', async ({ page, baseURL }) => {
  await page.goto('./#/classify');
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-dialog')).toBeVisible();
  await expect(page.getByTestId('share-link')).toHaveValue(/#\/classify\?s=/);
  await page.getByTestId('share-control-data').uncheck();
  await page.getByTestId('share-control-settings').uncheck();
  const snippet = await page.getByTestId('share-iframe').inputValue();
  expect(snippet).toMatch(/^<iframe src="[^"]+#\/classify\?s=[\w-]+&amp;embed&amp;controls=train" title="[^"]+" width="100%" height="\d+" loading="lazy" style="border: 0"><\/iframe>$/);
  expect(snippet).not.toContain('allow');
  await page.getByTestId('share-close').click();
  await expect(page.getByTestId('share-dialog')).toBeHidden();

  const { frame, errors } = await openCoursePage(page, 'classify', snippet);
  await expect(frame.getByTestId('embed-shell')).toBeVisible();
  await expect.poll(async () => Number(await frame.getByTestId('iteration').textContent()), { timeout: 60_000 }).toBeGreaterThan(50);
  await expect(frame.getByTestId('pause')).toBeVisible();
  // Locked: no dataset or settings controls, no site header, no gallery.
  await expect(frame.getByTestId('preset-select')).toHaveCount(0);
  await expect(frame.getByTestId('engine-select')).toHaveCount(0);
  await expect(frame.locator('.app-header')).toHaveCount(0);
  await expect(frame.getByTestId('share')).toHaveCount(0);
  const full = frame.getByTestId('embed-full-link');
  await expect(full).toHaveAttribute('target', '_blank');
  await expect(full).toHaveAttribute('rel', 'noopener');
  const href = (await full.getAttribute('href')) ?? '';
  expect(href).toMatch(new RegExp(`^${baseURL}#/classify\\?s=[\\w-]+$`));
  // No page-level horizontal scrollbar inside the frame.
  const overflow = await page.frames()[1].evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.locator('iframe').screenshot({ path: 'test-results/embed-classify.png' });
  expect(errors).toEqual([]);
});

test('the embedded Text lab loads the linked settings and corpus, trains, and hides the locked controls', async ({ page, baseURL }) => {
  const d = DEFAULT_SAVED_SETTINGS;
  const s = textLinkParam({
    lab: { engine: 'wasm', model: { ...d.lab.model, cell: 'lstm', hidden: 32 }, train: { ...d.lab.train, seqLength: 16, batchSize: 8 } },
    corpusOptions: { ...d.corpusOptions, validFraction: 0 },
    corpus: { source: 'text', label: 'Proverbs', text: CORPUS },
  });
  const { frame, errors } = await openCoursePage(page, 'text', iframe(`${baseURL}#/text?s=${s}&embed&controls=generate`, 900));
  await expect(frame.getByTestId('text-status-backend')).toHaveText('wasm', { timeout: 60_000 });
  await expect(frame.getByTestId('corpus-input')).toHaveCount(0);
  await expect(frame.getByTestId('text-hidden')).toHaveCount(0);
  await expect(frame.getByTestId('embed-full-link')).toHaveAttribute('href', `${baseURL}#/text?s=${s}`);
  await frame.getByTestId('text-train').click();
  await expect.poll(async () => Number(await frame.getByTestId('text-step').textContent()), { timeout: 90_000 }).toBeGreaterThan(2);
  await page.locator('iframe').screenshot({ path: 'test-results/embed-text.png' });
  await frame.getByTestId('text-pause').click();
  expect(errors).toEqual([]);
});

test('framed, the full site and the Speed lab show only a card linking to the playground', async ({ page, baseURL }) => {
  for (const hash of ['#/speed?embed', '#/classify']) {
    const { frame } = await openCoursePage(page, 'other', iframe(`${baseURL}${hash}`, 400));
    await expect(frame.getByTestId('framed-card')).toBeVisible();
    await expect(frame.locator('.app-header')).toHaveCount(0);
    await expect(frame.getByTestId('embed-full-link')).toHaveAttribute('target', '_blank');
  }
});
