// Degenerate corpora either train or are refused when applied, in plain words, and nothing the visitor typed is
// lost: a corpus shorter than a window, one repeated character, only whitespace.
import { expect, test } from './fixtures';
import { expectPlainWords } from './plainWords';
import { openWithSmallCorpus, pasteCorpus, setNumber, shown, tinyWasmModel } from './textLab';

test('a corpus shorter than a window is refused with the reason; the text and the old corpus stay', async ({ page }) => {
  await openWithSmallCorpus(page);
  await tinyWasmModel(page);
  await setNumber(page, 'text-window', 64);
  await pasteCorpus(page, 'hello there');
  const message = page.getByTestId('corpus-message');
  await expect(message).toContainText('a training window of 64 needs at least 65');
  await expect(message).toContainText('your text stays in the box');
  await expect(page.getByTestId('corpus-input')).toHaveValue('hello there');
  await expect(page.getByTestId('corpus-current')).toContainText('Pasted text');
  await expectPlainWords(page, 'short corpus');
});

test('one repeated character trains, with a remark; whitespace only is refused in plain words', async ({ page }) => {
  test.setTimeout(120_000);
  await openWithSmallCorpus(page);
  await tinyWasmModel(page);
  await pasteCorpus(page, 'a'.repeat(400));
  await expect(page.getByTestId('corpus-notes')).toContainText('single character');
  await page.getByTestId('text-train').click();
  await expect.poll(() => shown(page, 'text-step'), { timeout: 60_000 }).toBeGreaterThan(0);
  await page.getByTestId('text-pause').click();
  await expect(page.getByTestId('text-phase')).toHaveText('paused');
  await expectPlainWords(page, 'one character');

  await pasteCorpus(page, ' \n\t '.repeat(50));
  const confirm = page.getByTestId('text-confirm-corpus-yes');
  if (await confirm.isVisible().catch(() => false)) await confirm.click();
  await expect(page.getByTestId('corpus-message')).toContainText('empty');
  await expectPlainWords(page, 'whitespace');
});
