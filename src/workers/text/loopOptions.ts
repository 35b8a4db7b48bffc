// `set-options`: checks a partial LoopOptions from the page against the ranges the loop can honour.
import type { LoopOptions } from '../../core/text/defaults';
import { MAX_GENERATE } from './foregroundJobs';
import { SessionError } from './sessionUtil';

/** `current` with the valid fields of `options` applied; throws SessionError 'bad-request' on the first bad one. */
export function mergeLoopOptions(current: LoopOptions, options: Partial<LoopOptions> | undefined): LoopOptions {
  const next: LoopOptions = { ...current };
  const o = options ?? {};
  const num = (key: keyof LoopOptions, lo: number, hi: number, integer = false) => {
    const v = o[key];
    if (v === undefined) return;
    if (typeof v !== 'number' || !(v >= lo && v <= hi) || (integer && !Number.isInteger(v))) {
      throw new SessionError('bad-request', `${key} must be ${integer ? 'a whole number ' : ''}in [${lo}, ${hi}], got ${String(v)}`);
    }
    (next[key] as number) = v;
  };
  num('stepsPerBurst', 1, 1000, true);
  num('lossReadEvery', 1, 1000, true);
  num('progressEveryMs', 0, 60_000);
  num('sampleEveryMs', 0, 600_000);
  num('sampleLength', 1, MAX_GENERATE, true);
  num('sampleTemperature', 0, 2);
  num('evalEveryMs', 0, 600_000);
  num('evalChars', 1, 10_000_000, true);
  num('smoothing', 0, 0.9999);
  if (o.samplePrime !== undefined) {
    if (typeof o.samplePrime !== 'string') throw new SessionError('bad-request', 'samplePrime must be a string');
    next.samplePrime = o.samplePrime;
  }
  return next;
}
