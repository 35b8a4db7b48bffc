// Hostile input in the browser, on the Classify lab (the landing page): bad CSV files and damaged shared links
// each end with a message, and the points on screen stay as they were. The page-level guards (./fixtures)
// also fail the test on any CSP violation, foreign request or uncaught error.
import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';

/** The points shown before each hostile action: the tutorial's 200 moons. */
const START = '200 points';

async function openFresh(page: Page, hash = '#/classify') {
  await page.goto('./');
  await page.goto(`./${hash}`);
  await page.reload(); // a hash-only navigation keeps the page; the lab reads the link when it loads
}

/** Chooses a file in the lab's (hidden) CSV input. */
async function importCsv(page: Page, name: string, content: string | Buffer) {
  await page.getByTestId('csv-file').setInputFiles({ name, mimeType: 'text/csv', buffer: typeof content === 'string' ? Buffer.from(content) : content });
}

/** base64url of UTF-8 text, as the app writes shared links. */
const linkParam = (json: string) => Buffer.from(json).toString('base64url');

test.describe('hostile CSV files', () => {
  test.beforeEach(async ({ page }) => {
    await openFresh(page);
    await expect(page.getByTestId('point-count')).toHaveText(START);
  });

  const files: { name: string; content: () => string | Buffer; message: RegExp }[] = [
    { name: 'words.csv', content: () => 'x,y,label\n0.5,1,0\nabc,2,1\n', message: /Line 3: x is "abc", which is not a number/ },
    { name: 'nan.csv', content: () => 'x,y,label\n0.5,1,0\nNaN,2,1\n', message: /Line 3: x is "NaN"; values must be finite numbers/ },
    { name: 'infinity.csv', content: () => 'x,y,label\n0.5,Infinity,0\n', message: /finite numbers/ },
    { name: 'columns.csv', content: () => 'x,y,label\n0.5,1,0\n1,2\n', message: /Line 3: missing columns; expected 3/ },
    { name: 'bad-label.csv', content: () => 'x,y,label\n0.5,1,7\n', message: /label "7" must be a whole number from 0 to 5/ },
    { name: 'huge.csv', content: () => 'x,y,label\n' + '0.5,-1.25,1\n'.repeat(500_000), message: /6\.0 MB; CSV files up to 5 MB are accepted/ },
    { name: 'random.bin', content: () => randomBytes(4096, 7), message: /Could not import “random.bin”/ },
    { name: 'empty.csv', content: () => '', message: /no data rows/ },
  ];
  for (const f of files) {
    test(`${f.name}: a message, and the points are kept`, async ({ page }) => {
      await importCsv(page, f.name, f.content());
      await expect(page.getByTestId('classify-notice')).toContainText(f.message);
      await expect(page.getByTestId('classify-notice')).toContainText('Your points were kept');
      await expect(page.getByTestId('point-count')).toHaveText(START);
    });
  }

  test('a valid file after the hostile ones is imported (the importer still works)', async ({ page }) => {
    await importCsv(page, 'nan.csv', 'x,y,label\nNaN,1,0\n');
    await expect(page.getByTestId('classify-notice')).toContainText('finite');
    await importCsv(page, 'good.csv', '\uFEFFx,y,label\r\n0.5,1,0\r\n-0.5,-1,1\r\n1,1,0\r\n');
    await expect(page.getByTestId('point-count')).toHaveText('3 points');
  });
});

test.describe('hostile shared links', () => {
  const links: { name: string; param: () => string; message: RegExp }[] = [
    { name: 'random characters', param: () => 'not*a*link!', message: /The shared link is damaged/ },
    { name: 'random base64url bytes', param: () => randomBytes(300, 11).toString('base64url'), message: /The shared link is (damaged|not a valid setup)/ },
    { name: 'JSON that is not a setup', param: () => linkParam('{"hello": "world"}'), message: /not a valid setup: unknown version/ },
    { name: 'a missing field', param: () => linkParam('{"v":1,"net":{}}'), message: /not a valid setup: "data" is missing/ },
    { name: 'a huge value', param: () => linkParam(JSON.stringify({ v: 1, data: { preset: 'moons', count: 1e300, noise: 0.2, classes: 2, seed: 0, testFraction: 0 }, net: {}, points: null })), message: /"count" must be between/ },
    { name: 'an overlong link', param: () => 'A'.repeat(400_001), message: /The shared link is too long/ },
  ];
  for (const l of links) {
    test(`${l.name}: a message, and the lab starts with its own data`, async ({ page }) => {
      await openFresh(page, `#/classify?s=${l.param()}`);
      await expect(page.getByTestId('classify-notice')).toContainText(l.message);
      await expect(page.getByTestId('classify-notice')).toContainText('Your own data was kept');
      await expect(page.getByTestId('point-count')).toHaveText(START);
      await expect(page.getByTestId('preset-select')).toHaveValue('tutorial-moons');
    });
  }
});

/** Seeded pseudo-random bytes (a tiny LCG: repeatable, no dependency). */
function randomBytes(n: number, seed: number): Buffer {
  const out = Buffer.alloc(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}
