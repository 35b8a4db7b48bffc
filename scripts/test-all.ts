// `npm test`: type-checking, lint, unit tests (Vitest, Node) and end-to-end tests (Playwright, headless
// Chromium against the production build). Ends with one line, `N passed, N failed`: the totals of all runners
// (type-checking and lint count as one check each).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { findChromium, NO_CHROMIUM_MESSAGE } from './chromium';

interface Tally { passed: number; failed: number; skipped: number }
const total: Tally = { passed: 0, failed: 0, skipped: 0 };
const summary: string[] = [];

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const res = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return res.status === 0;
}

function record(name: string, t: Tally): void {
  total.passed += t.passed;
  total.failed += t.failed;
  total.skipped += t.skipped;
  summary.push(`${name.padEnd(10)} ${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ''}`);
}

function check(name: string, ok: boolean): void {
  record(name, { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 });
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

const only = new Set(process.argv.slice(2));
const want = (step: string) => only.size === 0 || only.has(step);
mkdirSync('test-results', { recursive: true });

if (want('typecheck')) check('typecheck', run('npx', ['tsc', '-p', 'tsconfig.json']));
if (want('lint')) check('lint', run('npx', ['eslint', '.', '--max-warnings=0']));

if (want('unit')) {
  const report = 'test-results/unit-report.json';
  rmSync(report, { force: true });
  const ok = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${report}`]);
  const json = readJson(report) as { numPassedTests?: number; numFailedTests?: number; numPendingTests?: number; numTodoTests?: number } | null;
  if (json && typeof json.numPassedTests === 'number') {
    record('unit', {
      passed: json.numPassedTests,
      // A suite that fails to load reports no failed test but a non-zero exit: count it.
      failed: (json.numFailedTests ?? 0) || (ok ? 0 : 1),
      skipped: (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0),
    });
  } else check('unit', false);
}

if (want('e2e')) {
  const chromium = findChromium();
  if (!chromium) {
    console.error(`\n${NO_CHROMIUM_MESSAGE}\n`);
    check('e2e', false);
  } else if (!run('npx', ['vite', 'build'])) {
    check('build', false);
  } else {
    const report = 'test-results/e2e-report.json';
    rmSync(report, { force: true });
    const ok = run('npx', ['playwright', 'test'], { CHROMIUM_PATH: chromium });
    const json = readJson(report) as { stats?: { expected: number; unexpected: number; flaky: number; skipped: number } } | null;
    if (json?.stats) {
      const s = json.stats;
      record('e2e', { passed: s.expected + s.flaky, failed: s.unexpected || (ok ? 0 : 1), skipped: s.skipped });
    } else check('e2e', false);
  }
}

console.log(`\n${summary.join('\n')}`);
if (existsSync('test-results')) console.log('(reports and screenshots: test-results/)');
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(total.failed === 0 ? 0 : 1);
