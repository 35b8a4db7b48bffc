// Finds a Chromium for the end-to-end tests and benchmarks: $CHROMIUM_PATH, the system's Chromium or Chrome,
// then Playwright's managed browser. Playwright's own download can't run on machines without internet access,
// so a missing browser ends with instructions rather than an attempt to fetch one.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const SYSTEM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  for (const candidate of SYSTEM_CANDIDATES) if (existsSync(candidate)) return candidate;
  try {
    const managed = chromium.executablePath();
    if (managed && existsSync(managed)) return managed;
  } catch {
    // No managed browser installed.
  }
  return null;
}

export const NO_CHROMIUM_MESSAGE = `No Chromium found for the end-to-end tests.
Install one, then run the tests again:
  Debian/Ubuntu:  sudo apt-get install -y chromium
  macOS:          install Google Chrome, or: brew install --cask chromium
  any OS:         npx playwright install chromium   (needs internet access)
or point CHROMIUM_PATH at a Chromium or Chrome executable.`;

/** Flags for headless Chromium on machines without a GPU: WebGPU runs on the software (SwiftShader) adapter. */
export const CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
