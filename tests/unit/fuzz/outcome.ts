// How a hostile case ended, and the rules every ending must satisfy.
//
// A validator may answer in two documented ways: a result value ({ ok: false, error } for the result-style
// APIs), or a throw of its own documented error class (ModelBundleError, ModelFileError, ReferenceFileError, …), which the UI
// catches and shows. Anything else that is thrown — a TypeError from reading a property of null, a
// RangeError from a huge allocation — "escaped": it is a bug, because the page would show a generic failure
// (or none) instead of saying what is wrong with the user's file.

export type Outcome<T> =
  | { kind: 'accepted'; value: T }
  | { kind: 'refused'; message: string }
  | { kind: 'escaped'; error: unknown };

/** What a case requires: a refusal (optionally with a message matching `pattern`), acceptance, or either. */
export interface Expectation {
  expect: 'refused' | 'accepted' | 'either';
  pattern?: RegExp;
}

/** One generated input. `make` builds it lazily, so listing cases (to count them) costs nothing. */
export interface HostileCase<T> extends Expectation {
  name: string;
  make: () => T;
}

/** Longest message a user should be shown; longer means raw input is being echoed back. */
export const MAX_MESSAGE_CHARS = 600;

/** Why `message` is not a clear message for a person, or null when it is fine. */
export function messageProblem(message: unknown): string | null {
  if (typeof message !== 'string') return `the message is a ${typeof message}, not a string`;
  if (message.trim() === '') return 'the message is empty';
  if (message.length > MAX_MESSAGE_CHARS) return `the message is ${message.length} characters long (it echoes the input?)`;
  if (message.includes('[object Object]')) return `the message shows "[object Object]": ${clip(message)}`;
  return null;
}

/**
 * Why `message` would display wrongly, or null. Messages that quote the user's input must not carry its
 * invisible control characters, nor bidi overrides that reorder the rest of the message on screen (a
 * spoofing vector): the quote should show them escaped or replaced.
 */
export function displayProblem(message: string): string | null {
  for (const ch of message) {
    const c = ch.codePointAt(0) ?? 0;
    if ((c < 0x20 && ch !== '\n') || c === 0x7f) return `the message contains control character U+${hex(c)}: ${clip(message)}`;
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return `the message contains bidi control U+${hex(c)}: ${clip(message)}`;
  }
  return null;
}

const hex = (c: number) => c.toString(16).toUpperCase().padStart(4, '0');

export function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${clip(err.message)}`;
  return `non-Error thrown: ${clip(String(err))}`;
}

export function clip(text: string, max = 160): string {
  let one = '';
  for (const ch of text.slice(0, max + 1)) {
    const c = ch.codePointAt(0) ?? 0;
    // Control characters as '?', bidi controls as visible escapes, so test output reads left to right.
    one += c < 0x20 ? '?' : (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ? `\\u${hex(c)}` : ch;
  }
  return text.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** Runs a result-style validator ({ ok: true, … } | { ok: false, error }). */
export function fromResult<T extends { ok: boolean }>(run: () => T): Outcome<T> {
  try {
    const r = run();
    if (r && typeof r === 'object' && r.ok === true) return { kind: 'accepted', value: r };
    if (r && typeof r === 'object' && r.ok === false) return { kind: 'refused', message: (r as unknown as { error: string }).error };
    return { kind: 'escaped', error: new Error(`returned neither ok nor error: ${clip(String(r))}`) };
  } catch (err) {
    return { kind: 'escaped', error: err };
  }
}

/** Runs a validator that reports problems by throwing its documented error class (`documented`). */
export async function fromThrowing<T>(run: () => T | Promise<T>, documented: (err: unknown) => boolean): Promise<Outcome<T>> {
  try {
    return { kind: 'accepted', value: await run() };
  } catch (err) {
    if (documented(err)) return { kind: 'refused', message: (err as Error).message };
    return { kind: 'escaped', error: err };
  }
}

/** Synchronous fromThrowing. */
export function fromThrowingSync<T>(run: () => T, documented: (err: unknown) => boolean): Outcome<T> {
  try {
    return { kind: 'accepted', value: run() };
  } catch (err) {
    if (documented(err)) return { kind: 'refused', message: (err as Error).message };
    return { kind: 'escaped', error: err };
  }
}

/**
 * Counts the cases one test file runs and collects every broken rule, so one failing assertion lists all
 * the failing cases by name (with the seed baked into the generators, each name reproduces its input).
 */
export class CaseLog {
  ran = 0;
  readonly failures: string[] = [];
  /** Messages that would display wrongly (see displayProblem), kept apart so their test names the rule. */
  readonly display: string[] = [];

  /** Records one case; `extra` checks an accepted value (return a problem or null). */
  judge<T>(name: string, outcome: Outcome<T>, expectation: Expectation, extra?: (value: T) => string | null): void {
    this.ran++;
    const fail = (why: string) => this.failures.push(`${name}: ${why}`);
    switch (outcome.kind) {
      case 'escaped':
        fail(`an exception escaped — ${describeError(outcome.error)}`);
        return;
      case 'refused': {
        const problem = messageProblem(outcome.message);
        if (problem) fail(problem);
        const shown = problem ? null : displayProblem(outcome.message);
        if (shown) this.display.push(`${name}: ${shown}`);
        if (expectation.expect === 'accepted') fail(`refused, but should be accepted: ${clip(outcome.message)}`);
        else if (expectation.pattern && !expectation.pattern.test(outcome.message)) {
          fail(`refused with ${JSON.stringify(clip(outcome.message))}, which does not match ${expectation.pattern}`);
        }
        return;
      }
      case 'accepted': {
        if (expectation.expect === 'refused') fail('accepted, but should be refused');
        const problem = extra?.(outcome.value);
        if (problem) fail(problem);
      }
    }
  }

  /** Records a problem found outside judge (e.g. a mutated input, a leaked tensor). */
  note(name: string, problem: string | null): void {
    if (problem) this.failures.push(`${name}: ${problem}`);
  }

  /** Where the failures list ends now: pass it to `since` to get only a later test's failures. */
  mark(): number {
    return this.failures.length;
  }

  since(mark: number): string[] {
    return this.failures.slice(mark);
  }

  /** A readable report of the failures since `mark`, for the assertion message. */
  report(area: string, mark = 0): string {
    const failures = this.failures.slice(mark);
    const shown = failures.slice(0, 40).join('\n  ');
    const more = failures.length > 40 ? `\n  … and ${failures.length - 40} more` : '';
    return `${area}: ${failures.length} problem(s)\n  ${shown}${more}`;
  }
}
