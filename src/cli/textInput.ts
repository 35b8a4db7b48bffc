// The text command's flags and how their values are read: numbers and choices checked with messages that
// name the flag, files read with a plain reason when they cannot be, and the built-in corpus.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildSotuCorpus, MissingCorpusPackageError } from '../node/sotuCorpus';

/** A problem with the command line or its input: reported in one line, exit code 2. */
export class UsageError extends Error {}

export const FLAGS = {
  corpus: { type: 'string' },
  model: { type: 'string' },
  engine: { type: 'string' },
  backend: { type: 'string' },
  hidden: { type: 'string' },
  layers: { type: 'string' },
  seq: { type: 'string' },
  batch: { type: 'string' },
  optimizer: { type: 'string' },
  lr: { type: 'string' },
  clip: { type: 'string' },
  steps: { type: 'string' },
  'log-every': { type: 'string' },
  sample: { type: 'string' },
  temperature: { type: 'string' },
  prime: { type: 'string' },
  seed: { type: 'string' },
  lowercase: { type: 'boolean' },
  'min-count': { type: 'string' },
  save: { type: 'string' },
  json: { type: 'boolean' },
  reference: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type Values = ReturnType<typeof parseArgs<{ options: typeof FLAGS; strict: true; allowPositionals: false }>>['values'];

// ---------------------------------------------------------------------------------------------- input

export function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : String(err);
    throw new UsageError(`cannot read ${what} ${JSON.stringify(path)}: ${why}`);
  }
}

/** The built-in State of the Union corpus (src/node/sotuCorpus.ts); a missing package is a usage problem. */
export function defaultCorpus(): string {
  try {
    return buildSotuCorpus();
  } catch (err) {
    if (err instanceof MissingCorpusPackageError) throw new UsageError(err.message);
    throw err;
  }
}

export function number(values: Values, key: keyof Values, fallback: number, check: { int?: boolean; min?: number; max?: number; above?: number } = {}): number {
  const raw = values[key];
  if (raw === undefined) return fallback;
  const text = String(raw).trim();
  const x = text === '' ? NaN : Number(text);
  const range = [
    check.int ? 'a whole number' : 'a number',
    check.above !== undefined ? `> ${check.above}` : check.min !== undefined ? `≥ ${check.min}` : '',
    check.max !== undefined ? `and ≤ ${check.max}` : '',
  ].filter(Boolean).join(' ');
  const ok =
    Number.isFinite(x) &&
    (!check.int || Number.isInteger(x)) &&
    (check.min === undefined || x >= check.min) &&
    (check.above === undefined || x > check.above) &&
    (check.max === undefined || x <= check.max);
  if (!ok) throw new UsageError(`--${key} must be ${range} (got ${JSON.stringify(raw)})`);
  return x;
}

export function choice<T extends string>(values: Values, key: keyof Values, options: readonly T[], fallback: T): T {
  const raw = values[key];
  if (raw === undefined) return fallback;
  if (!options.includes(raw as T)) throw new UsageError(`--${key} must be one of ${options.join(', ')} (got ${JSON.stringify(raw)})`);
  return raw as T;
}
