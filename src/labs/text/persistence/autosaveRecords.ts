// What the Text lab keeps across reloads, as three records written independently (so a settings change never
// rewrites megabytes of corpus or weights): the settings (model, training, corpus options, generate and
// score inputs), the corpus (its text up to a size limit, else only its name), and a training checkpoint
// (the exported model bundle at some step). Everything read back is validated here before use: storage is
// shared with other tabs and older versions of the page.
import { DEFAULT_VALID_FRACTION, DEFAULT_VOCAB_OPTIONS } from '../../../core/text/defaults';
import type { EngineChoice, TextModelBundle } from '../../../workers/textProtocol';
import type { CorpusOptionsValue } from '../corpus/CorpusOptions';
import { parseSavedRace, type SavedRace } from '../inside/raceRecord';
import type { LossUnit } from '../training/lossSeries';
import { DEFAULT_LAB_SETTINGS, sanitizeSettings, scratchCompatible, type LabSettings } from '../settings/labSettings';

/** Corpora longer than this (characters) are not stored: a reload asks for the file again. ~2–8 MB in
 *  IndexedDB (UTF-16), comfortably inside every browser's default quota next to a few checkpoints. */
export const MAX_AUTOSAVE_CORPUS_CHARS = 2_000_000;

export interface SavedSettings {
  lab: LabSettings;
  corpusOptions: CorpusOptionsValue;
  temperature: number;
  unit: LossUnit;
  generate: { prime: string; length: number };
  scoreText: string;
  /** The last cell race (Inside the network), if one finished. */
  race?: SavedRace;
}

export type SavedCorpus =
  | { source: 'builtin'; label: string }
  | { source: 'text'; label: string; text: string }
  /** Past MAX_AUTOSAVE_CORPUS_CHARS: only the name and size are kept. */
  | { source: 'too-large'; label: string; chars: number };

export interface SavedCheckpoint {
  /** Optimisation steps of the model in `bundle` (= bundle.sidecar.step). */
  step: number;
  bundle: TextModelBundle;
  /** Whether training was running when the checkpoint was taken (periodic) or had just paused/stopped. */
  training: boolean;
  /** The engine the page had chosen. */
  engine: EngineChoice;
}

/** Every record carries who wrote it and when: two tabs on the same storage, last writer wins. */
export interface Stored<T> {
  value: T;
  savedAt: number;
  tabId: string;
}

export interface RestoredWork {
  settings?: SavedSettings;
  corpus?: SavedCorpus;
  checkpoint?: SavedCheckpoint;
}

export const DEFAULT_SAVED_SETTINGS: SavedSettings = {
  lab: DEFAULT_LAB_SETTINGS,
  corpusOptions: { vocab: { ...DEFAULT_VOCAB_OPTIONS }, validFraction: DEFAULT_VALID_FRACTION },
  temperature: 0.8,
  unit: 'bits',
  generate: { prime: '', length: 400 },
  scoreText: '',
};

/** The record for a corpus: its text when small enough, else only its name (with the reason). */
export function corpusRecord(text: string, label: string, builtin: boolean, limit = MAX_AUTOSAVE_CORPUS_CHARS): SavedCorpus {
  if (builtin) return { source: 'builtin', label };
  if (text.length > limit) return { source: 'too-large', label, chars: text.length };
  return { source: 'text', label, text };
}

// ─────────────────────────────────────────────── validation of what comes back from storage

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown, fallback: number, min: number, max: number) => (typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : fallback);
const str = (v: unknown, fallback: string, maxLength: number) => (typeof v === 'string' ? v.slice(0, maxLength) : fallback);
const oneOf = <T extends string>(v: unknown, allowed: readonly T[], fallback: T): T => (allowed.includes(v as T) ? (v as T) : fallback);

const ENGINES: readonly EngineChoice[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu', 'scratch'];
const CELLS = ['rnn', 'gru', 'lstm'] as const;
const INPUTS = ['embedding', 'onehot'] as const;
const OPTIMIZERS = ['adam', 'rmsprop', 'adagrad', 'sgd'] as const;
const VALID_FRACTIONS = [0, 0.02, 0.05, 0.1, 0.2];

function parseLabSettings(raw: unknown): LabSettings {
  const d = DEFAULT_LAB_SETTINGS;
  const r = isObj(raw) ? raw : {};
  const m = isObj(r.model) ? r.model : {};
  const t = isObj(r.train) ? r.train : {};
  const lab: LabSettings = {
    engine: oneOf(r.engine, ENGINES, d.engine),
    model: {
      cell: oneOf(m.cell, CELLS, d.model.cell),
      layers: num(m.layers, d.model.layers, 1, 3),
      hidden: num(m.hidden, d.model.hidden, 1, 4096),
      input: oneOf(m.input, INPUTS, d.model.input),
      embedding: num(m.embedding, d.model.embedding, 1, 4096),
      dropout: num(m.dropout, d.model.dropout, 0, 1),
    },
    train: {
      seqLength: num(t.seqLength, d.train.seqLength, 1, 4096),
      batchSize: num(t.batchSize, d.train.batchSize, 1, 4096),
      optimizer: oneOf(t.optimizer, OPTIMIZERS, d.train.optimizer),
      learningRate: num(t.learningRate, d.train.learningRate, 0, 10),
      clipNorm: num(t.clipNorm, d.train.clipNorm, 0, 1000),
      seed: Math.round(num(t.seed, d.train.seed, 0, 2 ** 31 - 1)),
      // Not a control of the page: the learning-rate schedule is always the default's (DEFAULT_LR_SCHEDULE).
      ...(d.train.lrSchedule ? { lrSchedule: d.train.lrSchedule } : {}),
    },
  };
  return scratchCompatible(sanitizeSettings(lab));
}

/** Settings read back from storage, each field checked and clamped; anything unusable falls back to its default. */
export function parseSavedSettings(raw: unknown): SavedSettings | undefined {
  if (!isObj(raw)) return undefined;
  const d = DEFAULT_SAVED_SETTINGS;
  const co = isObj(raw.corpusOptions) ? raw.corpusOptions : {};
  const vocab = isObj(co.vocab) ? co.vocab : {};
  const gen = isObj(raw.generate) ? raw.generate : {};
  const fraction = num(co.validFraction, d.corpusOptions.validFraction, 0, 0.5);
  return {
    lab: parseLabSettings(raw.lab),
    corpusOptions: {
      vocab: {
        lowercase: typeof vocab.lowercase === 'boolean' ? vocab.lowercase : d.corpusOptions.vocab.lowercase,
        minCount: Math.round(num(vocab.minCount, d.corpusOptions.vocab.minCount, 1, 1000)),
      },
      validFraction: VALID_FRACTIONS.includes(fraction) ? fraction : d.corpusOptions.validFraction,
    },
    temperature: num(raw.temperature, d.temperature, 0, 2),
    unit: oneOf(raw.unit, ['bits', 'nats'] as const, d.unit),
    generate: { prime: str(gen.prime, '', 10_000), length: Math.round(num(gen.length, d.generate.length, 1, 10_000)) },
    scoreText: str(raw.scoreText, '', 200_000),
    race: parseSavedRace(raw.race),
  };
}

export function parseSavedCorpus(raw: unknown): SavedCorpus | undefined {
  if (!isObj(raw) || typeof raw.label !== 'string') return undefined;
  const label = raw.label.slice(0, 300);
  if (raw.source === 'builtin') return { source: 'builtin', label };
  if (raw.source === 'text' && typeof raw.text === 'string' && raw.text.length > 0 && raw.text.length <= MAX_AUTOSAVE_CORPUS_CHARS) return { source: 'text', label, text: raw.text };
  if (raw.source === 'too-large') return { source: 'too-large', label, chars: num(raw.chars, 0, 0, Number.MAX_SAFE_INTEGER) };
  return undefined;
}

/** A checkpoint with the shape of a bundle; the worker's `import` validates the weights and vocabulary in depth. */
export function parseSavedCheckpoint(raw: unknown): SavedCheckpoint | undefined {
  if (!isObj(raw) || !isObj(raw.bundle)) return undefined;
  const b = raw.bundle;
  if (!(b.weights instanceof ArrayBuffer) || !isObj(b.sidecar) || typeof b.modelJson !== 'string') return undefined;
  const step = b.sidecar.step;
  if (typeof step !== 'number' || !Number.isInteger(step) || step < 0) return undefined;
  return { step, bundle: raw.bundle as unknown as TextModelBundle, training: raw.training === true, engine: oneOf(raw.engine, ENGINES, 'auto') };
}

/** Unwraps a Stored<T> envelope and validates its value. */
export function unwrap<T>(raw: unknown, parse: (value: unknown) => T | undefined): Stored<T> | undefined {
  if (!isObj(raw)) return undefined;
  const value = parse(raw.value);
  if (value === undefined) return undefined;
  return { value, savedAt: num(raw.savedAt, 0, 0, Number.MAX_SAFE_INTEGER), tabId: str(raw.tabId, '', 100) };
}
