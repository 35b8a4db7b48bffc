// Rasterises public/favicon.svg (drawn by hand) into the icon set with headless Chromium:
//   public/icons/icon-192.png, icon-512.png    rounded square, for the web manifest ("any")
//   public/icons/icon-maskable-512.png         full-bleed square (the drawing sits inside the 80 % safe zone)
//   public/icons/apple-touch-icon.png          180×180, full-bleed (iOS rounds it itself)
//   public/favicon.ico                         32×32 PNG inside an ICO container, for browsers that ask /favicon.ico
// Run after editing the SVG: `npx tsx scripts/icons.ts`. The outputs are committed.
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium, NO_CHROMIUM_MESSAGE } from './chromium';

const svg = readFileSync('public/favicon.svg', 'utf8');
const fullBleed = svg.replace(/<rect id="bg"([^>]*) rx="\d+"/, '<rect id="bg"$1');

/** An ICO file holding one PNG image (allowed since Windows Vista; every browser reads it). */
function icoFromPng(png: Buffer, size: number): Buffer {
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size % 256, 6); // width (0 means 256)
  header.writeUInt8(size % 256, 7); // height
  header.writeUInt8(0, 8); // no palette
  header.writeUInt8(0, 9); // reserved
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14); // image size
  header.writeUInt32LE(header.length, 18); // image offset
  return Buffer.concat([header, png]);
}

const executablePath = findChromium();
if (!executablePath) {
  console.error(NO_CHROMIUM_MESSAGE);
  process.exit(1);
}
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
const page = await browser.newPage();

async function render(source: string, size: number): Promise<Buffer> {
  await page.setViewportSize({ width: size, height: size });
  const url = `data:image/svg+xml;base64,${Buffer.from(source).toString('base64')}`;
  await page.setContent(`<html><body style="margin:0;background:transparent"><img src="${url}" width="${size}" height="${size}" style="display:block"></body></html>`);
  await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}

const outputs: [string, string, number][] = [
  ['public/icons/icon-192.png', svg, 192],
  ['public/icons/icon-512.png', svg, 512],
  ['public/icons/icon-maskable-512.png', fullBleed, 512],
  ['public/icons/apple-touch-icon.png', fullBleed, 180],
];
for (const [path, source, size] of outputs) {
  writeFileSync(path, await render(source, size));
  console.log(`wrote ${path}`);
}
writeFileSync('public/favicon.ico', icoFromPng(await render(svg, 32), 32));
console.log('wrote public/favicon.ico');
await browser.close();
