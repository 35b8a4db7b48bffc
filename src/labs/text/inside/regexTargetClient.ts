// Runs the learner's regular expression in a throwaway worker (src/workers/regexTarget.worker.ts) and
// terminates it after a time budget: a catastrophically backtracking pattern ((a+)+$ and friends) cannot
// be interrupted inside JavaScript, so it must not run on the page or in the training worker.
import { regexProblem, type RegexTargetResult } from '../../../core/text/inside/regexTarget';

export const REGEX_BUDGET_MS = 1000;

export function computeRegexTarget(text: string, pattern: string, budgetMs = REGEX_BUDGET_MS): Promise<RegexTargetResult> {
  const problem = regexProblem(pattern); // compiling never backtracks: safe on the page
  if (problem) return Promise.resolve({ ok: false, message: problem });
  return new Promise((resolve) => {
    const worker = new Worker(new URL('../../../workers/regexTarget.worker.ts', import.meta.url), { type: 'module', name: 'regex-target' });
    const timer = setTimeout(() => {
      worker.terminate();
      resolve({
        ok: false,
        message: `That pattern took longer than ${budgetMs / 1000} s on ${[...text].length.toLocaleString('en-US')} characters and was stopped — probably catastrophic backtracking (nested repeats such as (a+)+). Try a simpler pattern.`,
      });
    }, budgetMs);
    worker.onmessage = (e: MessageEvent<RegexTargetResult>) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(e.data);
    };
    worker.onerror = (e) => {
      clearTimeout(timer);
      worker.terminate();
      resolve({ ok: false, message: `The pattern could not run: ${e.message || 'unknown error'}` });
    };
    worker.postMessage({ text, pattern });
  });
}
