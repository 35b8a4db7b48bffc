// What a person reads when something in the Text lab fails: a plain-words title, what happened, what to do
// next, and the technical detail for a "details" disclosure (kept for bug reports, never the headline).
//
// Every TextErrorCode of the worker protocol has an entry (the mapped type below makes a new code without one
// a compile error). The worker's own messages (SessionError: "Pause training before changing the corpus.")
// are already plain words and are shown; text that looks like it came from a library ("Error in oneHot: depth
// must be >=2", "Requested texture size [..] greater than WebGL maximum", "Aborted(OOM)") is never shown as
// the message: the catalogue's words are, and the raw text goes to `detail`. Framework-free: the page, the
// worker client and the CLI all use it.
import type { TextErrorCode } from '../textProtocol';

export interface ErrorCopy {
  /** Short, no final period: "The corpus cannot be used". */
  title: string;
  /** What happened, when the worker's own message is not shown. */
  what: string;
  /** What to do next. */
  next: string;
}

/** One entry per worker error code. */
export const TEXT_ERROR_MESSAGES: { readonly [C in TextErrorCode]: ErrorCopy } = {
  'bad-request': {
    title: 'That setting was not accepted',
    what: 'A value sent to the training worker is out of range.',
    next: 'Check the highlighted setting and try again; reloading the page restores the defaults.',
  },
  'bad-corpus': {
    title: 'This text cannot be used to train',
    what: 'The corpus is too short for the window, empty, or not plain text.',
    next: 'Add text, shorten the window, or load a plain-text (UTF-8) file.',
  },
  'too-large': {
    title: 'This setting is too large for this engine',
    what: 'The model or its training step needs more memory than this engine can hold.',
    next: 'Use the suggested setting, or a smaller batch, window or hidden width; WebAssembly holds the most on most devices.',
  },
  'no-corpus': {
    title: 'No text to train on yet',
    what: 'A corpus is needed first.',
    next: 'Paste or load some text and apply it.',
  },
  'no-model': {
    title: 'No model yet',
    what: 'There is no model to train, sample or save.',
    next: 'Build a model (or load a saved one) first.',
  },
  'not-initialised': {
    title: 'The training engine is not ready',
    what: 'The engine has not started yet.',
    next: 'Wait a moment, or choose an engine again.',
  },
  busy: {
    title: 'Training is running',
    what: 'That needs training to be paused first.',
    next: 'Pause training, then try again.',
  },
  diverged: {
    title: 'Training diverged',
    what: 'The loss grew out of range, so training paused and the weights went back to the last good copy.',
    next: 'Lower the learning rate or the clip norm, then resume.',
  },
  'device-lost': {
    title: 'The GPU stopped responding',
    what: 'The graphics device was lost (a driver reset, or the GPU was needed elsewhere).',
    next: 'Choose an engine again; WebAssembly is the safest. The last checkpoint is kept.',
  },
  'backend-failed': {
    title: 'That engine could not start',
    what: 'This browser or device cannot run the chosen backend.',
    next: 'Choose another engine: WebAssembly works everywhere.',
  },
  'bad-model-file': {
    title: 'This model file cannot be loaded',
    what: 'The file is not a text model saved by this app, or it is damaged.',
    next: 'Choose the model.json, weights.bin and text-model.json saved together, or export the model again.',
  },
  unsupported: {
    title: 'Not possible with this engine',
    what: 'The chosen engine cannot do that.',
    next: 'Choose a TensorFlow.js engine (Auto, WebGPU, WebGL, WASM or CPU) for this.',
  },
  internal: {
    title: 'Something failed inside the app',
    what: 'An unexpected error stopped the last action. Your text and settings are kept.',
    next: 'Try again; if it happens again, reload the page, and please report it with the details below.',
  },
};

/** Every code, in the catalogue's order. */
export const TEXT_ERROR_CODES = Object.keys(TEXT_ERROR_MESSAGES) as TextErrorCode[];

/** Copy for failures that have no worker code of their own but a recognisable cause. */
export const OUT_OF_MEMORY: ErrorCopy = {
  title: 'Not enough memory',
  what: 'The model or its training step needed more memory than this engine could get.',
  next: 'Use a smaller batch, window or hidden width, or fewer distinct characters (raise the minimum count).',
};
export const GPU_LIMIT: ErrorCopy = {
  title: 'Too large for this GPU',
  what: 'One of the arrays this setting needs is larger than the GPU accepts.',
  next: 'Use a smaller batch, window or hidden width, or choose WebAssembly.',
};

export interface UserMessage {
  code: TextErrorCode;
  title: string;
  /** What happened, in plain words. */
  message: string;
  next: string;
  /** The technical text (error name, message, first stack lines) for a details disclosure; '' if none. */
  detail: string;
}

/** Text that reads like a library's or the engine's internals rather than a sentence meant for a person. */
const LIBRARY_TEXT = [
  /\bError in \w+:/, // tfjs op checks: "Error in oneHot: …"
  /\b(tensors?|dtype|shapes?|kernel|backend_util|dataId|shader|WebGLTexture|GPUBuffer)\b/i,
  /\b[A-Z]\w*\(\d+\)/, // "Size(3) must match …"
  /Requested texture size|greater than WebGL maximum|larger than the maximum (storage )?buffer/i,
  /WebAssembly\.\w+|Aborted\(|abort\(|OOM\b|out of memory|Array buffer allocation failed|Invalid typed array length|Invalid array length/i,
  /Cannot read propert|is not a function|is not defined|undefined|null\b|\[object \w+\]|NaN/,
  /Maximum call stack|RangeError|TypeError|ReferenceError|SyntaxError/,
  /\bat \S+ \(|\.js:\d+|\.ts:\d+|https?:\/\//, // stack frames and URLs
];

/** True when `text` should not be shown as the message (it is kept in `detail`). */
export function looksLikeLibraryText(text: string): boolean {
  return text.length > 400 || LIBRARY_TEXT.some((re) => re.test(text));
}

const MEMORY_TEXT = /out of memory|OOM\b|Array buffer allocation failed|Invalid typed array length|Maximum memory size|could not allocate|Cannot enlarge memory|WebAssembly\.Memory/i;
const GPU_LIMIT_TEXT = /Requested texture size|greater than WebGL maximum|larger than the maximum (storage )?buffer/i;

/** A worker `error` event (code and message) as a person should read it. */
export function describeTextError(code: TextErrorCode, workerMessage: string): UserMessage {
  const copy = TEXT_ERROR_MESSAGES[code] ?? TEXT_ERROR_MESSAGES.internal;
  const raw = typeof workerMessage === 'string' ? workerMessage.trim() : '';
  const special = MEMORY_TEXT.test(raw) ? OUT_OF_MEMORY : GPU_LIMIT_TEXT.test(raw) ? GPU_LIMIT : null;
  if (special) return { code, title: special.title, message: special.what, next: special.next, detail: raw };
  const ours = code !== 'internal' && raw !== '' && !looksLikeLibraryText(raw);
  return { code, title: copy.title, message: ours ? raw : copy.what, next: copy.next, detail: ours ? '' : raw };
}

/** The technical text of anything thrown: "Name: message" and the first stack lines, at most 2,000 characters. */
export function technicalDetail(err: unknown): string {
  let text: string;
  if (err instanceof Error) {
    const stack = typeof err.stack === 'string' ? err.stack.split('\n').slice(1, 6).join('\n') : '';
    text = `${err.name}: ${err.message}${stack ? `\n${stack}` : ''}`;
  } else if (typeof err === 'string') {
    text = err;
  } else {
    try {
      text = JSON.stringify(err) ?? String(err);
    } catch {
      text = String(err);
    }
  }
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}

/**
 * Anything thrown (on the page, in the client, in the CLI) as a message for a person: an error that carries a
 * worker code (SessionError, DivergedError, ModelBundleError) keeps it, anything else is 'internal'.
 */
export function describeThrown(err: unknown): UserMessage {
  const carried = (err as { code?: unknown } | null)?.code;
  const code = typeof carried === 'string' && carried in TEXT_ERROR_MESSAGES ? (carried as TextErrorCode) : 'internal';
  const message = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  const described = describeTextError(code, message);
  return { ...described, detail: described.detail === '' ? '' : technicalDetail(err) };
}
