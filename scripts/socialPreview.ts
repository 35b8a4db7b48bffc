// Takes the social preview image (og:image / twitter:image): a real screenshot of the Classify lab at
// 1200×630, from the production build served by the plain static server, after the tutorial network has
// trained on the moons for a while. Run after a visible change to the lab, then commit the image:
//   npx vite build && npx tsx scripts/socialPreview.ts [port=4306]
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium, NO_CHROMIUM_MESSAGE } from './chromium';
import { serveStatic } from './staticServer';

const OUT = 'public/social-preview.png';
const port = Number(process.argv[2] ?? 4306);
const executablePath = findChromium();
if (!executablePath) {
  console.error(NO_CHROMIUM_MESSAGE);
  process.exit(1);
}

const server = await serveStatic('dist', port, '/playground/');
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 630 }, serviceWorkers: 'block' });
  await page.goto(`${server.url}#/classify`);
  // The landing page trains by itself; wait until the boundary has settled around the moons.
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="iteration"]')?.textContent) > 3000, null, {
    timeout: 120_000,
  });
  await page.screenshot({ path: OUT });
  console.log(`wrote ${OUT}`);
} finally {
  await browser.close();
  await server.close();
}
