// Whether a corpus, as the vocabulary options turn it into tokens, can train a model with a given window and
// batch — decided when the corpus is applied, so nothing the page accepts ends later in a library exception.
//
// Refused (level 'refuse'): an empty corpus; more distinct characters than a model can predict; fewer than
// window + 1 characters; a training part (the text before the validation tail) shorter than window + 1; for
// the from-scratch engine, a training part that cannot fill `batch` lanes of window + 1 characters.
// Allowed with a remark (level 'warn'): one character only (vocabulary 1: the model is right from the start,
// loss 0, nothing to learn — it trains, on both engines); every character folded into '�' by the minimum
// count; whitespace only; one line repeated; a validation part too short to measure (no validation loss);
// fewer distinct training windows than the batch (windows repeat within a step).
// A corpus in one script, or of emoji, or of astral characters is an ordinary corpus: no remark. A large
// vocabulary's memory cost is resources.ts's business.
import { LIMITS } from '../limits';
import { splitByPosition } from './corpus';
import { buildVocab, codePoints, encode, UNKNOWN_CHAR, type Vocab } from './vocab';

/** What fitness needs to know about a prepared corpus. */
export interface CorpusFacts {
  /** Code points of the text the vocabulary reads (lower-cased when the vocabulary is). */
  chars: number;
  vocabSize: number;
  /** True when the vocabulary is only the unknown token '�' (everything folded by the minimum count). */
  onlyUnknown: boolean;
  trainTokens: number;
  validTokens: number;
  /** The validation fraction asked for. */
  validFraction: number;
  whitespaceOnly: boolean;
  /** Lines of the text (split on \n), and how many of them differ. */
  lines: number;
  distinctLines: number;
}

/** The settings the corpus must serve. */
export interface CorpusSetting {
  seqLength: number;
  batchSize: number;
  engine: 'tfjs' | 'scratch';
  /** Most distinct characters a model can predict (default LIMITS.textModel.maxVocab). */
  maxVocab?: number;
}

export type CorpusProblem =
  | 'empty'
  | 'too-many-characters'
  | 'shorter-than-window'
  | 'training-part-too-short'
  | 'too-short-for-lanes'
  | 'single-character'
  | 'only-unknown'
  | 'whitespace-only'
  | 'one-repeated-line'
  | 'no-validation'
  | 'windows-repeat';

export interface CorpusFinding {
  problem: CorpusProblem;
  level: 'refuse' | 'warn';
  message: string;
}

export interface CorpusFitness {
  level: 'ok' | 'warn' | 'refuse';
  /** Refusals first, then remarks. */
  findings: CorpusFinding[];
  /** The first refusal, or the remarks joined; null when the corpus is fine. */
  message: string | null;
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** Facts of `text` encoded with `vocab` and split as the worker splits it. */
export function corpusFacts(text: string, vocab: Vocab, split: { train: Int32Array; validation: Int32Array }, validFraction: number): CorpusFacts {
  const source = vocab.lowercase ? text.toLowerCase() : text;
  const chars = codePoints(source);
  const lines = source.split('\n');
  return {
    chars: chars.length,
    vocabSize: vocab.chars.length,
    onlyUnknown: vocab.chars.length === 1 && vocab.chars[0] === UNKNOWN_CHAR && chars.some((c) => c !== UNKNOWN_CHAR),
    trainTokens: split.train.length,
    validTokens: split.validation.length,
    validFraction,
    whitespaceOnly: chars.length > 0 && chars.every((c) => /^\s$/u.test(c)),
    lines: lines.length,
    distinctLines: new Set(lines.filter((l) => l !== '')).size,
  };
}

/** Can the corpus described by `facts` train with `setting`, and what should the person know? */
export function corpusFitness(facts: CorpusFacts, setting: CorpusSetting): CorpusFitness {
  const { seqLength: T, batchSize: B } = setting;
  const maxVocab = setting.maxVocab ?? LIMITS.textModel.maxVocab;
  const findings: CorpusFinding[] = [];
  const refuse = (problem: CorpusProblem, message: string) => findings.push({ problem, level: 'refuse', message });
  const warn = (problem: CorpusProblem, message: string) => findings.push({ problem, level: 'warn', message });

  if (facts.chars === 0) {
    refuse('empty', 'The corpus is empty. Paste or load some text to train on.');
  } else {
    if (facts.vocabSize > maxVocab) {
      refuse(
        'too-many-characters',
        `The corpus has ${plural(facts.vocabSize, 'distinct character')}; a model can predict at most ${maxVocab.toLocaleString('en-US')}. Raise the minimum count so rare characters share the unknown sign '�'.`,
      );
    }
    if (facts.chars < T + 1) {
      refuse(
        'shorter-than-window',
        `The corpus has ${plural(facts.chars, 'character')}, but a training window of ${T} needs at least ${T + 1} (the window plus the character after it). Add text or shorten the window.`,
      );
    } else if (facts.trainTokens < T + 1) {
      refuse(
        'training-part-too-short',
        `After the validation part (the last ${Math.round(facts.validFraction * 100)}%) is set aside, ${plural(facts.trainTokens, 'character')} are left to train on; a window of ${T} needs ${T + 1}. Lower the validation fraction, add text, or shorten the window.`,
      );
    } else if (setting.engine === 'scratch' && facts.trainTokens < B * (T + 1)) {
      const lanes = Math.floor(facts.trainTokens / (T + 1));
      refuse(
        'too-short-for-lanes',
        `The from-scratch engine reads the training text as ${B} parallel lanes, each needing ${T + 1} characters (${(B * (T + 1)).toLocaleString('en-US')} in all), but the training part has ${plural(facts.trainTokens, 'character')}. Use a batch of ${lanes} or less, shorten the window, or add text.`,
      );
    }
    if (facts.onlyUnknown) {
      warn('only-unknown', "Every character is rarer than the minimum count, so all of them became the unknown sign '�' and there is nothing to learn. Lower the minimum count.");
    } else if (facts.vocabSize === 1) {
      warn('single-character', 'The corpus uses a single character, so there is nothing to learn: the model is right from the start (loss 0). It will still train.');
    } else if (facts.whitespaceOnly) {
      warn('whitespace-only', 'The corpus is only spaces, tabs and line breaks: the model can learn nothing but spacing.');
    }
    if (facts.lines > 2 && facts.distinctLines === 1 && facts.vocabSize > 1) {
      warn('one-repeated-line', 'The corpus is one line repeated: the model will learn it by heart and its samples will repeat it.');
    }
    if (facts.validFraction > 0 && facts.validTokens < 2 && findings.every((f) => f.level !== 'refuse')) {
      warn('no-validation', `The validation part (the last ${Math.round(facts.validFraction * 100)}%) is too short to measure, so no validation loss will be shown. Add text or raise the validation fraction.`);
    }
    const windows = facts.trainTokens - T;
    if (setting.engine === 'tfjs' && windows > 0 && windows < B) {
      warn('windows-repeat', `The training part holds only ${plural(windows, 'different window')} of ${T} characters, fewer than the batch of ${B}: each step repeats windows. A smaller batch trains as well.`);
    }
  }
  findings.sort((a, b) => (a.level === b.level ? 0 : a.level === 'refuse' ? -1 : 1));
  const level = findings.length === 0 ? 'ok' : findings[0].level;
  const message = level === 'refuse' ? findings[0].message : findings.length ? findings.map((f) => f.message).join(' ') : null;
  return { level, findings, message };
}

/** corpusFitness for raw text with the worker's vocabulary options and split (buildVocab, encode, splitByPosition). */
export function checkCorpus(
  text: string,
  options: { lowercase: boolean; minCount: number; validFraction: number },
  setting: CorpusSetting,
): CorpusFitness {
  const vocab = buildVocab(text, { lowercase: options.lowercase, minCount: options.minCount });
  const split = splitByPosition(encode(text, vocab, { missing: 'skip' }), options.validFraction);
  return corpusFitness(corpusFacts(text, vocab, split, options.validFraction), setting);
}
