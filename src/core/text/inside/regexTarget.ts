// A probe target from the learner's own regular expression: 1 for every character inside a match, 0
// elsewhere. Patterns are compiled with `new RegExp` (never eval) inside try/catch. JavaScript cannot
// interrupt a running match, so a catastrophically backtracking pattern is contained by where this runs:
// a throwaway worker that the page terminates after a time budget (src/workers/regexTarget.worker.ts and
// src/labs/text/inside/regexTarget.ts); the input is capped here as well.

/** Longest pattern accepted. */
export const MAX_REGEX_LENGTH = 200;
/** Longest text searched (the traced text is at most 2,000 characters anyway). */
export const MAX_REGEX_INPUT = 5000;

export type RegexTargetResult = { ok: true; target: Float32Array; matches: number } | { ok: false; message: string };

/** Checks that `pattern` compiles; returns the error message when it does not. */
export function regexProblem(pattern: string): string | null {
  if (pattern.length === 0) return 'Type a regular expression.';
  if (pattern.length > MAX_REGEX_LENGTH) return `That pattern is longer than ${MAX_REGEX_LENGTH} characters.`;
  try {
    new RegExp(pattern, 'gu');
    return null;
  } catch (err) {
    return `Not a valid regular expression: ${(err as Error).message}`;
  }
}

/** 1 for each code point of `text` inside a match of `pattern` (flags g and u), else 0. */
export function regexTarget(text: string, pattern: string): RegexTargetResult {
  const problem = regexProblem(pattern);
  if (problem) return { ok: false, message: problem };
  const input = text.slice(0, MAX_REGEX_INPUT);
  const re = new RegExp(pattern, 'gu');
  // Match offsets are UTF-16 indices; the target is per code point, like the traced text.
  const codePointAt = new Int32Array(input.length + 1);
  let cp = 0;
  for (let i = 0; i < input.length; i++) {
    codePointAt[i] = cp;
    const code = input.charCodeAt(i);
    if (!(code >= 0xd800 && code <= 0xdbff && i + 1 < input.length)) cp++;
  }
  codePointAt[input.length] = cp;
  const target = new Float32Array(cp);
  let matches = 0;
  for (const m of input.matchAll(re)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    for (let k = codePointAt[start]; k < codePointAt[end]; k++) target[k] = 1;
    if (m[0].length > 0) matches++;
  }
  return { ok: true, target, matches };
}
