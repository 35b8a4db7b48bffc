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
