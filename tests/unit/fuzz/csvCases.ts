// Hostile CSV files for the Classify lab's importer (parsePointsCsv): size bombs, non-finite and non-numeric
// cells, wrong column counts, random bytes, BOMs, quotes, every line ending, and seeded mutations of a valid
// file. Each case says whether it must be refused (and with what kind of message) or may go either way.
import type { CsvLimits } from '../../../src/core/datasets/csv';
import { LIMITS } from '../../../src/core/limits';
import type { HostileCase } from './outcome';
import { FuzzRandom } from './random';

export interface CsvCase extends HostileCase<string> {
  limits?: CsvLimits;
  /** The points the file must produce when accepted (for files that differ from a clean one only in form). */
  points?: { x: number; y: number; label: number }[];
}

const HEADER = 'x,y,label';
const GOOD_ROWS = ['0.5,-1.25,0', '1,2,1', '-3e-2,4.5E1,0'];
const GOOD_POINTS = [
  { x: 0.5, y: -1.25, label: 0 },
  { x: 1, y: 2, label: 1 },
  { x: -0.03, y: 45, label: 0 },
];

/** A file with a header, one good row, then `row` (so a bad row is never mistaken for a header). */
const afterGoodRow = (row: string) => `${HEADER}\n${GOOD_ROWS[0]}\n${row}\n`;

/** `n` data rows, cheaply (one row repeated). */
function rows(n: number, row = '0.5,-1.25,1'): string {
  return `${HEADER}\n${`${row}\n`.repeat(n)}`;
}

const NON_FINITE = ['NaN', 'nan', '-NaN', 'Infinity', '-Infinity', 'inf', '+INF', 'infinity'];
const TOO_LARGE = ['1e999', '-1e309', '1' + '0'.repeat(400)];
const NOT_NUMBERS = ['abc', '0x10', '1_000', '１', '١٢', '½', '1e', '.', '-', '+', '1..2', '0b1', 'true', 'null', '--1', '1e+', 'e5', '∞', '1 2', '"1', '\u0000'];
const BAD_LABELS = ['1.5', '-1', '6', '7', '1e1', '255', '0.000001'];
const COLUMN_COUNTS = [1, 2, 4, 5, 10, 1000];

/** The named cases: each one exercises a specific rule. */
function namedCases(): CsvCase[] {
  const cases: CsvCase[] = [];
  const add = (c: CsvCase) => cases.push(c);
  const maxRows = LIMITS.csv.maxRows;
  const maxBytes = LIMITS.csv.maxBytes;

  // ---- Size: refused by the limits, before the numbers are parsed.
  add({ name: 'a million rows (over the byte limit)', make: () => rows(1_000_000), expect: 'refused', pattern: /larger than/ });
  add({ name: 'a million rows under a raised byte limit: refused by the row limit', make: () => rows(1_000_000), limits: { maxBytes: 100_000_000 }, expect: 'refused', pattern: /Too many rows/ });
  add({ name: 'a million rows of garbage under a raised byte limit: the row limit comes first', make: () => rows(1_000_000, 'NaN,x,??'), limits: { maxBytes: 100_000_000 }, expect: 'refused', pattern: /Too many rows/ });
  add({ name: 'a 50 MB string of one character', make: () => 'x'.repeat(50_000_000), expect: 'refused', pattern: /larger than/ });
  add({ name: 'a 50 MB file of valid rows', make: () => rows(Math.ceil(50_000_000 / 12)), expect: 'refused', pattern: /larger than/ });
  add({ name: 'under 5 M characters but over 5 MB in UTF-8 (two-byte é)', make: () => `${HEADER}\n#${'é'.repeat(2_600_000)}\n0,0,0\n`, expect: 'refused', pattern: /larger than/ });
  add({ name: 'astral characters count 4 bytes each', make: () => `${HEADER}\n#${'😀'.repeat(1_250_001)}\n0,0,0\n`, expect: 'refused', pattern: /larger than/ });
  add({ name: `exactly ${maxRows} rows (the row limit)`, make: () => rows(maxRows), expect: 'accepted' });
  add({ name: `${maxRows + 1} rows (one over the row limit)`, make: () => rows(maxRows + 1), expect: 'refused', pattern: /Too many rows/ });
  add({ name: `${maxRows} rows without a header`, make: () => '1,2,0\n'.repeat(maxRows), expect: 'accepted' });
  add({ name: `${maxRows + 1} rows without a header`, make: () => '1,2,0\n'.repeat(maxRows + 1), expect: 'refused', pattern: /Too many rows/ });
  // Byte-exact boundary, with a small limit so the case is cheap: a comment pads the file to the limit.
  const padded = (bytes: number) => {
    const body = `${HEADER}\n1,2,0\n3,4,1\n#`;
    return body + 'p'.repeat(bytes - body.length);
  };
  add({ name: 'exactly maxBytes (1,000) bytes', make: () => padded(1000), limits: { maxBytes: 1000 }, expect: 'accepted' });
  add({ name: 'maxBytes + 1 bytes', make: () => padded(1001), limits: { maxBytes: 1000 }, expect: 'refused', pattern: /larger than/ });
  add({ name: `the default byte limit is ${maxBytes} bytes: one over is refused`, make: () => padded(maxBytes + 1), expect: 'refused', pattern: /larger than/ });
  add({ name: 'a 4 MB line with no line break', make: () => '1,'.repeat(2_000_000), expect: 'refused', pattern: /column/ });
  add({ name: '100,000 blank lines', make: () => '\n'.repeat(100_000), expect: 'refused', pattern: /no data rows/ });
  add({ name: '100,000 CR-only blank lines then data', make: () => `${'\r'.repeat(100_000)}${HEADER}\r1,2,0\r`, expect: 'accepted', points: [{ x: 1, y: 2, label: 0 }] });

  // ---- Non-finite, too large, non-numeric, bad labels: in each column.
  for (const col of [0, 1, 2]) {
    const withCell = (cell: string) => GOOD_ROWS[1].split(',').map((v, i) => (i === col ? cell : v)).join(',');
    const colName = ['x', 'y', 'label'][col];
    for (const v of NON_FINITE) add({ name: `${colName} = ${v}`, make: () => afterGoodRow(withCell(v)), expect: 'refused', pattern: /finite/ });
    for (const v of TOO_LARGE) add({ name: `${colName} = ${v.slice(0, 12)} (overflows)`, make: () => afterGoodRow(withCell(v)), expect: 'refused', pattern: /too large|whole number/ });
    for (const v of NOT_NUMBERS) add({ name: `${colName} = ${JSON.stringify(v)}`, make: () => afterGoodRow(withCell(v)), expect: 'refused', pattern: /not a number|empty|column/ });
    add({ name: `${colName} empty`, make: () => afterGoodRow(withCell('')), expect: 'refused', pattern: /empty/ });
    add({ name: `${colName} only spaces`, make: () => afterGoodRow(withCell('   ')), expect: 'refused', pattern: /empty/ });
  }
  for (const v of BAD_LABELS) add({ name: `label = ${v}`, make: () => afterGoodRow(`0,0,${v}`), expect: 'refused', pattern: /label/ });
  add({ name: 'label -0 reads as 0', make: () => `${HEADER}\n1,1,-0\n2,2,1\n`, expect: 'accepted', points: [{ x: 1, y: 1, label: 0 }, { x: 2, y: 2, label: 1 }] });
  add({ name: 'label 5.0 reads as 5', make: () => `${HEADER}\n1,1,5.0\n`, expect: 'accepted', points: [{ x: 1, y: 1, label: 5 }] });
  add({ name: 'extreme but finite numbers', make: () => `${HEADER}\n1.7976931348623157e308,-5e-324,0\n-0,1e-400,1\n`, expect: 'accepted' });

  // ---- Column counts.
  for (const n of COLUMN_COUNTS) {
    add({ name: `a row with ${n} column(s)`, make: () => afterGoodRow(Array.from({ length: n }, (_, i) => String(i % 2)).join(',')), expect: 'refused', pattern: /column/ });
    add({ name: `the first row has ${n} column(s)`, make: () => `${Array.from({ length: n }, () => '1').join(',')}\n1,2,0\n`, expect: 'refused', pattern: /column/ });
    if (n !== 3) add({ name: `a header with ${n} column(s)`, make: () => `${Array.from({ length: n }, (_, i) => `c${i}`).join(',')}\n1,2,0\n`, expect: 'refused', pattern: /column/ });
  }
  add({ name: 'a trailing comma', make: () => afterGoodRow('1,2,0,'), expect: 'refused', pattern: /column/ });
  add({ name: 'a row of 100,000 commas', make: () => afterGoodRow(','.repeat(100_000)), expect: 'refused', pattern: /column/ });
  add({ name: 'semicolon-separated (European) numbers', make: () => '0,5;1,2;0\n1,5;2,5;1\n', expect: 'refused' });
  add({ name: 'tab-separated', make: () => '0.5\t1\t0\n', expect: 'refused' });

  // ---- Headers.
  add({ name: 'header only', make: () => `${HEADER}\n`, expect: 'refused', pattern: /no data rows/ });
  add({ name: 'columns reordered by the header', make: () => 'label,y,x\n1,2,3\n', expect: 'accepted', points: [{ x: 3, y: 2, label: 1 }] });
  add({ name: 'header "class" and "target" synonyms', make: () => 'X,Y,Class\n1,2,0\n', expect: 'accepted', points: [{ x: 1, y: 2, label: 0 }] });
  add({ name: 'header of prototype keys', make: () => '__proto__,constructor,toString\n1,2,0\n', expect: 'accepted', points: [{ x: 1, y: 2, label: 0 }] });
  add({ name: 'header naming x twice', make: () => 'x,x,label\n1,2,0\n', expect: 'either' });
  add({ name: 'a 10,000-character header field', make: () => `${'h'.repeat(10_000)},y,label\n1,2,0\n`, expect: 'accepted' });

  // ---- Encodings and line endings: the same points in every form.
  const clean = `${HEADER}\n${GOOD_ROWS.join('\n')}\n`;
  const same = (name: string, text: () => string) => add({ name, make: text, expect: 'accepted', points: GOOD_POINTS });
  same('a clean file', () => clean);
  same('a UTF-8 BOM before the header', () => `\uFEFF${clean}`);
  same('a BOM and no header', () => `\uFEFF${GOOD_ROWS.join('\n')}`);
  same('two BOMs', () => `\uFEFF\uFEFF${clean}`);
  same('CRLF line endings', () => clean.replace(/\n/g, '\r\n'));
  same('CR-only line endings (classic Mac)', () => clean.replace(/\n/g, '\r'));
  same('mixed line endings', () => `${HEADER}\r\n${GOOD_ROWS[0]}\n${GOOD_ROWS[1]}\r${GOOD_ROWS[2]}\r\n`);
  same('no final line break', () => clean.trimEnd());
  same('blank lines and comments everywhere', () => `# points\n\n${HEADER}\n\n# a comment\n${GOOD_ROWS.join('\n\n')}\n\n\n`);
  same('every field quoted', () => clean.split('\n').map((l) => l && l.split(',').map((f) => `"${f}"`).join(',')).join('\n'));
  same('spaces, tabs and no-break spaces around fields', () => clean.split('\n').map((l) => l.split(',').map((f) => ` \t${f}\u00a0`).join(',')).join('\n'));
  add({ name: 'a quoted field containing a comma', make: () => afterGoodRow('"1,5",2,0'), expect: 'refused' });
  add({ name: 'an unbalanced quote', make: () => afterGoodRow('"1,2,0'), expect: 'refused' });
  add({ name: 'an empty quoted field', make: () => afterGoodRow('"",2,0'), expect: 'refused', pattern: /empty/ });
  add({ name: 'UTF-16LE text read as UTF-8 (NULs between characters)', make: () => Array.from(clean, (c) => `${c}\u0000`).join(''), expect: 'refused' });
  add({ name: 'NUL bytes inside a number', make: () => afterGoodRow('1\u00002,3,0'), expect: 'refused', pattern: /not a number/ });
  add({ name: 'a lone surrogate in a cell', make: () => afterGoodRow('1\uD800,3,0'), expect: 'refused', pattern: /not a number/ });
  add({ name: 'right-to-left override around a number', make: () => afterGoodRow('\u202E1,2,0'), expect: 'refused', pattern: /not a number/ });

  // ---- Empty and whitespace.
  add({ name: 'an empty file', make: () => '', expect: 'refused', pattern: /no data rows/ });
  add({ name: 'only whitespace', make: () => ' \t\r\n \n', expect: 'refused', pattern: /no data rows/ });
  add({ name: 'only comments', make: () => '# a\n# b\n', expect: 'refused', pattern: /no data rows/ });
  add({ name: 'a lone BOM', make: () => '\uFEFF', expect: 'refused', pattern: /no data rows/ });

  // ---- Labels: gaps produce a warning but are accepted; a single class is accepted (training checks it).
  add({ name: 'labels 0 and 5 only', make: () => `${HEADER}\n1,1,0\n2,2,5\n`, expect: 'accepted' });
  add({ name: 'a single class', make: () => `${HEADER}\n1,1,3\n2,2,3\n`, expect: 'accepted' });

  // ---- Not text at all: the API is typed, but a caller may pass anything it read.
  for (const [name, v] of [['null', null], ['undefined', undefined], ['a number', 42], ['an object', { length: 3 }], ['an array', ['1,2,0']]] as const) {
    add({ name: `input is ${name}`, make: () => v as unknown as string, expect: 'refused' });
  }
  return cases;
}

const CSV_ALPHABET = [
  ...'0123456789',
  '.', ',', ',', ',', '-', '+', 'e', 'E', '\n', '\n', '\r\n', '\r', '"', ' ', '\t', '#',
  'x', 'y', 'label', 'NaN', 'Infinity', '\uFEFF', '\u0000', 'é', '😀', '\uD800', '\u202E', '1e999',
];

/** Random text from a CSV-flavoured alphabet: reaches header detection, quoting and number rules. */
function randomCsvText(rnd: FuzzRandom): string {
  return rnd.string(rnd.range(0, 300), CSV_ALPHABET);
}

/** Random bytes, decoded the two ways a browser might (UTF-8 with replacement, Latin-1). */
function randomBytesText(rnd: FuzzRandom): string {
  const bytes = rnd.bytes(rnd.range(0, 4000));
  return rnd.chance(0.5) ? new TextDecoder('utf-8').decode(bytes) : new TextDecoder('latin1').decode(bytes);
}

/** A valid file with one small edit: a character inserted, deleted or replaced, a line cut or duplicated. */
function mutatedCsv(rnd: FuzzRandom): string {
  const lines = [HEADER];
  for (let i = 0; i < 30; i++) lines.push(`${(rnd.next() * 4 - 2).toFixed(rnd.range(0, 8))},${(rnd.next() * 4 - 2).toExponential(3)},${rnd.int(3)}`);
  let text = lines.join(rnd.pick(['\n', '\r\n'])) + '\n';
  const edits = rnd.range(1, 3);
  for (let e = 0; e < edits; e++) {
    const at = rnd.int(text.length + 1);
    const op = rnd.int(5);
    if (op === 0) text = text.slice(0, at) + rnd.pick(CSV_ALPHABET) + text.slice(at);
    else if (op === 1) text = text.slice(0, at) + text.slice(at + 1);
    else if (op === 2) text = text.slice(0, at) + rnd.pick(CSV_ALPHABET) + text.slice(at + 1);
    else if (op === 3) text = text.slice(0, at);
    else text = text.slice(0, at) + text.slice(at, at + 40).repeat(rnd.range(2, 5)) + text.slice(at + 40);
  }
  return text;
}

/** Every hostile CSV case, in a fixed order, for `seed`. */
export function csvCases(seed: number): CsvCase[] {
  const root = new FuzzRandom(seed);
  const cases = namedCases();
  const families: [string, number, (r: FuzzRandom) => string][] = [
    ['random CSV-like text', 200, randomCsvText],
    ['random bytes', 100, randomBytesText],
    ['a valid file with a small edit', 200, mutatedCsv],
  ];
  for (const [family, count, gen] of families) {
    const rnd = root.fork(family);
    for (let i = 0; i < count; i++) {
      // Draw now so each case's input is fixed by the seed, however the cases are later run.
      const text = gen(rnd);
      cases.push({ name: `${family} #${i} (seed ${seed})`, make: () => text, expect: 'either' });
    }
  }
  return cases;
}

/** Random valid point sets (with awkward doubles) for the round-trip property. */
export function randomPointSets(seed: number, count: number): { x: number; y: number; label: number }[][] {
  const rnd = new FuzzRandom(seed).fork('point sets');
  const awkward = [0, -0, 5e-324, -5e-324, 1.7976931348623157e308, -1.7976931348623157e308, 0.1, 1 / 3, 2 ** 53 + 2, 1e-300];
  const sets: { x: number; y: number; label: number }[][] = [];
  for (let s = 0; s < count; s++) {
    const n = rnd.range(1, 200);
    const pts = [];
    for (let i = 0; i < n; i++) {
      const coord = () => (rnd.chance(0.2) ? rnd.pick(awkward) : (rnd.next() - 0.5) * 10 ** rnd.range(-10, 10));
      pts.push({ x: coord(), y: coord(), label: rnd.int(6) });
    }
    sets.push(pts);
  }
  return sets;
}
