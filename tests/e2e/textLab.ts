// Shared helpers for the Text lab's end-to-end tests.
import { expect } from './fixtures';
import type { Page } from '@playwright/test';

export const LINES = [
  'the cat sat on the mat and the dog sat on the log.',
  'a bird in the hand is worth two in the bush.',
  'the rain in spain stays mainly in the plain.',
];
/** A small corpus a tiny model learns within seconds. */
export const CORPUS = Array.from({ length: 40 }, (_, i) => LINES[i % LINES.length]).join('\n') + '\n';

/** A number shown in the page (thousands separators removed). */
export async function shown(page: Page, testId: string): Promise<number> {
  return Number((await page.getByTestId(testId).textContent())?.replace(/,/g, ''));
}

export async function openLab(page: Page, hash = '#/text'): Promise<void> {
  await page.goto(`./${hash}`);
  await expect(page.getByTestId('text-status-backend')).toBeVisible({ timeout: 60_000 });
}

export async function setNumber(page: Page, testId: string, value: number): Promise<void> {
  const input = page.getByTestId(testId);
  await input.fill(String(value));
  await input.press('Enter');
  await expect(input).toHaveValue(String(value));
}

/** Pastes `text` as the corpus (the page may refuse it: callers check the outcome they expect). */
export async function pasteCorpus(page: Page, text: string): Promise<void> {
  await page.getByTestId('corpus-input').fill(text);
  await page.getByTestId('corpus-apply').click();
}

/** Opens the lab once its built-in corpus is in, then switches to CORPUS with no validation split
 *  (evaluation is slow on the software adapter, and these tests watch training). */
export async function openWithSmallCorpus(page: Page): Promise<void> {
  await openLab(page);
  await expect(page.getByTestId('corpus-chars')).not.toHaveText('', { timeout: 30_000 });
  await page.getByTestId('corpus-valid').selectOption('0');
  await pasteCorpus(page, CORPUS);
  await expect(page.getByTestId('corpus-current')).toContainText('Pasted text');
}

/** WASM, LSTM 32, window 16, batch 8: a few hundred steps a minute on two cores. */
export async function tinyWasmModel(page: Page): Promise<void> {
  await page.getByTestId('text-engine').selectOption('wasm');
  await expect(page.getByTestId('text-status-backend')).toHaveText('wasm', { timeout: 60_000 });
  await page.getByTestId('text-hidden').selectOption('32');
  await setNumber(page, 'text-window', 16);
  await setNumber(page, 'text-batch', 8);
}
