// CSV for the Inside-the-network exports: a unit's values over the text, and the probe's ranking. (The race's
// curves are raceCsv in src/core/text/inside/race.ts.) Characters are written as JSON strings so commas,
// quotes and newlines survive.

/** position, character, value — one row per character. */
export function unitValuesCsv(text: string, column: ArrayLike<number>): string {
  const chars = [...text];
  const rows = ['position,char,value'];
  chars.forEach((ch, t) => rows.push(`${t},${csvCell(JSON.stringify(ch))},${column[t]}`));
  return rows.join('\n') + '\n';
}

/** rank, unit, r — the probe's ranking. */
export function rankingCsv(ranking: readonly { unit: number; r: number }[]): string {
  return ['rank,unit,pearson_r', ...ranking.map((u, i) => `${i + 1},${u.unit},${u.r}`)].join('\n') + '\n';
}

/** A CSV cell, quoted when it holds a comma, quote or line break. */
function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
