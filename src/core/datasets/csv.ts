// Reading and writing points as CSV: `x,y,label`, one point per line.
//
// The parser treats its input as untrusted (a dropped file): it checks the size limits before splitting
// or parsing anything, never throws, and names the line of the first problem it finds.

import { quoteValue } from '../limits';
import { MAX_CLASSES } from './types';
import type { Point } from './types';

export interface CsvLimits {
  /** Most data rows accepted (header, blank and comment lines not counted). Default 10,000. */
  maxRows?: number;
  /** Most UTF-8 bytes accepted. Default 5 MB (5,000,000 bytes). */
  maxBytes?: number;
}

export type CsvParseResult = { ok: true; points: Point[]; warnings: string[] } | { ok: false; error: string };

export const DEFAULT_CSV_LIMITS: Required<CsvLimits> = { maxRows: 10_000, maxBytes: 5_000_000 };

/** Writes `x,y,label` with a header. String(x) is the shortest text that parses back to the same double. */
export function pointsToCsv(points: readonly Point[]): string {
  const lines = ['x,y,label'];
  for (const p of points) lines.push(`${numberText(p.x)},${numberText(p.y)},${p.label}`);
  return lines.join('\n') + '\n';
}

function numberText(v: number): string {
  // String(-0) is "0"; keep the sign so the round trip is exact.
  return Object.is(v, -0) ? '-0' : String(v);
}

// A plain decimal or scientific number. Deliberately stricter than Number(): no hex, no "Infinity",
// no empty string (which Number() reads as 0).
const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE_RE = /^[+-]?(?:nan|inf|infinity)$/i;

/** UTF-8 length of a string without allocating: 1–3 bytes per UTF-16 unit, 4 per surrogate pair. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

function formatBytes(n: number): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(n % 1_000_000 === 0 ? 0 : 1)} MB`;
  if (n >= 1_000) return `${(n / 1_000).toFixed(n % 1_000 === 0 ? 0 : 1)} kB`;
  return `${n} bytes`;
}

/** Shows a user's text in a message, shortened and with control characters made visible. */

type FieldRole = 'x' | 'y' | 'label';
const HEADER_NAMES: Record<string, FieldRole> = { x: 'x', y: 'y', label: 'label', class: 'label', target: 'label' };

function unquote(field: string): string {
  const f = field.trim();
  return f.length >= 2 && f.startsWith('"') && f.endsWith('"') ? f.slice(1, -1).trim() : f;
}

export function parsePointsCsv(text: string, limits: CsvLimits = {}): CsvParseResult {
  const maxRows = limits.maxRows ?? DEFAULT_CSV_LIMITS.maxRows;
  const maxBytes = limits.maxBytes ?? DEFAULT_CSV_LIMITS.maxBytes;
  if (typeof text !== 'string') return { ok: false, error: 'Expected CSV text.' };

  // Size first, cheaply: UTF-8 needs at least one byte per UTF-16 unit, so a long string fails without a scan.
  if (text.length > maxBytes || utf8Length(text) > maxBytes) {
    return { ok: false, error: `The file is larger than the ${formatBytes(maxBytes)} limit.` };
  }

  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);

  // Find the data lines (skip blank and '#' comment lines) and enforce the row limit before parsing numbers.
  const content: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim();
    if (t === '' || t.startsWith('#')) continue;
    content.push(i);
    // +1: the first content line may be a header.
    if (content.length > maxRows + 1) break;
  }
  if (content.length === 0) return { ok: false, error: 'The file has no data rows (expected lines like "0.5,-1.2,0").' };

  const warnings: string[] = [];
  // Column positions of x, y, label; a recognised header may reorder them.
  let order: [number, number, number] = [0, 1, 2];
  let first = 0;
  const headerFields = lines[content[0]].split(',').map(unquote);
  const isWord = (f: string) => !NUMBER_RE.test(f) && !NON_FINITE_RE.test(f);
  if (headerFields.every(isWord) && headerFields.some((f) => f !== '')) {
    // No number anywhere on the first line: it is a header. (A line mixing numbers and words is a bad row.)
    if (headerFields.length !== 3) {
      return {
        ok: false,
        error: `Line ${content[0] + 1}: the header has ${headerFields.length} column${headerFields.length === 1 ? '' : 's'}; expected 3 (x, y, label).`,
      };
    }
    const roles = headerFields.map((f) => HEADER_NAMES[f.toLowerCase()]);
    if (roles.includes('x') && roles.includes('y') && roles.includes('label')) {
      order = [roles.indexOf('x'), roles.indexOf('y'), roles.indexOf('label')];
    } else {
      warnings.push(`Line ${content[0] + 1}: header ${quoteValue(lines[content[0]].trim())} not recognised; reading the columns as x, y, label.`);
    }
    first = 1;
  }

  const rows = content.length - first;
  if (rows > maxRows) {
    return { ok: false, error: `Too many rows: the limit is ${maxRows.toLocaleString('en-US')} points.` };
  }
  if (rows === 0) return { ok: false, error: 'The file has a header but no data rows.' };

  const points: Point[] = new Array<Point>(rows);
  const labelsSeen = new Set<number>();
  const names = ['x', 'y', 'label'] as const;
  for (let r = 0; r < rows; r++) {
    const lineNo = content[first + r] + 1;
    const fields = lines[content[first + r]].split(',').map(unquote);
    if (fields.length !== 3) {
      const what = fields.length < 3 ? 'missing columns' : 'too many columns';
      return { ok: false, error: `Line ${lineNo}: ${what}; expected 3 (x, y, label) but found ${fields.length}.` };
    }
    const values = [0, 0, 0];
    for (let k = 0; k < 3; k++) {
      const field = fields[order[k]];
      if (field === '') return { ok: false, error: `Line ${lineNo}: the ${names[k]} value is empty.` };
      if (NON_FINITE_RE.test(field)) {
        return { ok: false, error: `Line ${lineNo}: ${names[k]} is ${quoteValue(field)}; values must be finite numbers.` };
      }
      if (!NUMBER_RE.test(field)) {
        return { ok: false, error: `Line ${lineNo}: ${names[k]} is ${quoteValue(field)}, which is not a number.` };
      }
      const v = Number(field);
      if (!Number.isFinite(v)) {
        return { ok: false, error: `Line ${lineNo}: ${names[k]} is ${quoteValue(field)}, which is too large to represent.` };
      }
      values[k] = v;
    }
    const label = values[2];
    if (!Number.isInteger(label) || label < 0 || label >= MAX_CLASSES) {
      return {
        ok: false,
        error: `Line ${lineNo}: label ${quoteValue(fields[order[2]])} must be a whole number from 0 to ${MAX_CLASSES - 1}.`,
      };
    }
    labelsSeen.add(label);
    // `label + 0` turns a "-0" label into 0.
    points[r] = { x: values[0], y: values[1], label: label + 0 };
  }

  const maxLabel = Math.max(...labelsSeen);
  const missing: number[] = [];
  for (let c = 0; c < maxLabel; c++) if (!labelsSeen.has(c)) missing.push(c);
  if (missing.length > 0) {
    warnings.push(`No points have label${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; the model will still have ${maxLabel + 1} outputs.`);
  }
  return { ok: true, points, warnings };
}
