// Fails a test when a person could read a library's exception on the page: every visible alert, status and
// confirmation (the text of "Details (for bug reports)" disclosures excepted: that is where such text belongs)
// is checked against the signatures of TensorFlow.js, WebGL/WebGPU, the WASM heap and the JS engine.
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

export const LIBRARY_SIGNATURES: RegExp[] = [
  /\bError in \w+:/, // tfjs op checks
  /\b(TypeError|RangeError|ReferenceError|SyntaxError)\b/,
  /Cannot read propert/,
  /is not a function|is not defined/,
  /Requested texture size|greater than WebGL maximum|larger than the maximum (storage )?buffer/i,
  /Aborted\(|\bOOM\b|Array buffer allocation failed|Invalid typed array length/,
  /\bat \S+ \(\S+:\d+:\d+\)|\.js:\d+:\d+/, // stack frames
  /\[object \w+\]/,
];

/** The visible text of alerts, statuses and confirmations, without the contents of <details>. */
export async function visibleMessages(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('[role="alert"], [role="status"], [role="alertdialog"], .tl-error'))
      .filter((el) => (el as HTMLElement).offsetParent !== null || el.getClientRects().length > 0)
      .map((el) => {
        const copy = el.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('details').forEach((d) => d.remove());
        return (copy.textContent ?? '').trim();
      })
      .filter((t) => t !== ''),
  );
}

/** The first library signature found in `text`, or undefined. */
export function librarySignature(text: string): string | undefined {
  return LIBRARY_SIGNATURES.find((re) => re.test(text))?.source;
}

/** Asserts that no visible alert or status reads like a library's exception. */
export async function expectPlainWords(page: Page, context = ''): Promise<void> {
  for (const text of await visibleMessages(page)) {
    expect(librarySignature(text), `library text on the page${context ? ` (${context})` : ''}: ${text.slice(0, 300)}`).toBeUndefined();
  }
}
