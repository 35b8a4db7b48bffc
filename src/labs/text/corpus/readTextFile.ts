// Reads a dropped or opened file as UTF-8 text without freezing the page: the file is streamed in chunks,
// each chunk decoded with a fatal TextDecoder (so non-UTF-8 bytes are caught instead of silently turning
// into U+FFFD), and the loop yields to the event loop between chunks so progress bars paint and clicks land.

/** Largest file the lab accepts. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Share of NUL bytes above which a file counts as binary (UTF-16 text or a binary format): real text has none. */
const MAX_NUL_FRACTION = 0.001;

export type TextFileProblem = 'too-large' | 'not-utf8' | 'binary' | 'empty' | 'aborted';

export class TextFileError extends Error {
  readonly problem: TextFileProblem;
  constructor(problem: TextFileProblem, message: string) {
    super(message);
    this.name = 'TextFileError';
    this.problem = problem;
  }
}

export interface ReadTextOptions {
  maxBytes?: number;
  /** Called after each chunk with the bytes read so far and the file size. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  signal?: AbortSignal;
}

/** Lets the browser paint and handle input between chunks. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function formatMiB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Decodes `file` as UTF-8 (a leading BOM is dropped). Throws TextFileError when the file is too large, empty,
 * binary (too many NUL bytes: UTF-16 or a binary format) or not valid UTF-8, or when `signal` aborts.
 */
export async function readTextFile(file: Blob, options: ReadTextOptions = {}): Promise<string> {
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  const total = file.size;
  if (total > maxBytes) {
    throw new TextFileError('too-large', `The file is ${formatMiB(total)}; the limit is ${formatMiB(maxBytes)}.`);
  }
  if (total === 0) throw new TextFileError('empty', 'The file is empty.');

  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parts: string[] = [];
  const reader = file.stream().getReader();
  let bytesRead = 0;
  let nulBytes = 0;
  try {
    for (;;) {
      if (options.signal?.aborted) throw new TextFileError('aborted', 'Reading the file was cancelled.');
      const { done, value } = await reader.read();
      if (done) break;
      for (let i = 0; i < value.length; i++) if (value[i] === 0) nulBytes++;
      bytesRead += value.length;
      // Checking as we go rejects a binary file after its first chunk rather than after 20 MB.
      if (nulBytes > Math.max(1, bytesRead * MAX_NUL_FRACTION)) {
        throw new TextFileError('binary', 'This looks like a binary or UTF-16 file (it contains NUL bytes). Please use a UTF-8 text file.');
      }
      try {
        parts.push(decoder.decode(value, { stream: true }));
      } catch {
        throw new TextFileError('not-utf8', `This file is not valid UTF-8 (bad bytes near byte ${bytesRead.toLocaleString()}). Save it as UTF-8 text and try again.`);
      }
      options.onProgress?.(bytesRead, total);
      await yieldToEventLoop();
    }
    try {
      parts.push(decoder.decode());
    } catch {
      throw new TextFileError('not-utf8', 'This file ends in the middle of a UTF-8 character; it is not valid UTF-8 text.');
    }
  } catch (err) {
    // Stop the underlying read; the stream is discarded either way.
    await reader.cancel().catch(() => undefined);
    throw err;
  }
  const text = parts.join('');
  if (text.length === 0) throw new TextFileError('empty', 'The file is empty.');
  return text;
}
