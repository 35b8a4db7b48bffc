// `npm run cli -- classify`: the tutorial "Implementing a Neural Network from Scratch" from the command
// line. Trains the 2 → H → 2 network on the tutorial's moons from the tutorial's initial weights and
// prints the loss every 1000 passes, or replays a reference file and reports how closely it matches.
import { readFileSync } from 'node:fs';
import { tutorialMoons } from '../core/datasets/tutorialMoons';
import { tutorialInit, toNested } from '../core/mlp/params';
import {
  compareWithReference,
  parseMlpReference,
  reproduceReference,
  ReferenceFormatError,
  type LossCallback,
  type MlpReference,
  type ReferenceComparison,
  type ReferenceRun,
} from '../core/mlp/reference';
import { MAX_HIDDEN, MIN_HIDDEN } from '../core/mlp/types';
import { MT19937 } from '../core/rng';
import { CLI_BACKENDS, DEFAULT_CLI_BACKEND, startTfjs, type CliBackend } from './tfjsBackend';

const USAGE = `usage: npm run cli -- classify [options]

Trains the tutorial's network (2 inputs → H tanh units → 2-way softmax, cross-entropy + L2) with full-batch
gradient descent on the summed gradient, on the tutorial's 200 moons (np.random.seed(0), noise 0.2), from
the tutorial's initial weights (np.random.seed(0); randn(2,H)/sqrt(2), randn(H,2)/sqrt(H)).

options:
  --hidden N        hidden units, ${MIN_HIDDEN}..${MAX_HIDDEN} (default 3)
  --passes N        full-batch gradient-descent passes (default 20000)
  --epsilon X       learning rate (default 0.01)
  --reg X           L2 strength reg_lambda (default 0.01)
  --engine E        scratch (float64, hand-written backprop; default) or tfjs (float32, autodiff)
  --backend B       TensorFlow.js backend for --engine tfjs: wasm (default) or cpu
  --reference FILE  replay a reference run (format of tests/fixtures/mlp_moons_seed0_h3.json): its data,
                    init, passes, epsilon and reg_lambda; report the loss at its iterations and how far the
                    result is from its values. Exit code 1 if it does not match (relative error above 1e-9
                    for scratch, 1e-4 on the losses for tfjs).
  --json            print one JSON object {"losses", "final", "final_loss", "train_accuracy"} instead of text
  --help            show this help

Exit codes: 0 done, 1 reference mismatch, 2 bad arguments or reference file.`;

type Engine = 'scratch' | 'tfjs';

interface Options {
  hidden?: number;
  passes?: number;
  epsilon?: number;
  reg?: number;
  engine: Engine;
  backend: CliBackend;
  reference?: string;
  json: boolean;
  help: boolean;
}

/** Bad command-line input: reported with the usage hint, exit code 2. */
class UsageError extends Error {}

const VALUE_FLAGS = ['--hidden', '--passes', '--epsilon', '--reg', '--engine', '--backend', '--reference'] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];

function parseArgs(argv: string[]): Options {
  const opts: Options = { engine: 'scratch', backend: DEFAULT_CLI_BACKEND, json: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (flag === '--help' || flag === '-h') {
      opts.help = true;
      continue;
    }
    if (flag === '--json') {
      opts.json = true;
      continue;
    }
    if (!(VALUE_FLAGS as readonly string[]).includes(flag)) throw new UsageError(`unknown option: ${arg}`);
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else value = argv[++i];
    if (value === undefined || value === '') throw new UsageError(`${flag} needs a value`);
    setOption(opts, flag as ValueFlag, value);
  }
  return opts;
}

function setOption(opts: Options, flag: ValueFlag, value: string): void {
  const number = (min: number, max: number, int: boolean): number => {
    const x = Number(value);
    if (value.trim() === '' || !Number.isFinite(x) || x < min || x > max || (int && !Number.isInteger(x))) {
      const kind = int ? 'an integer' : 'a number';
      throw new UsageError(`${flag} must be ${kind} in ${min}..${max}, got "${value}"`);
    }
    return x;
  };
  switch (flag) {
    case '--hidden':
      opts.hidden = number(MIN_HIDDEN, MAX_HIDDEN, true);
      return;
    case '--passes':
      opts.passes = number(1, 10_000_000, true);
      return;
    case '--epsilon':
      opts.epsilon = number(0, 1e6, false);
      return;
    case '--reg':
      opts.reg = number(0, 1e6, false);
      return;
    case '--engine':
      if (value !== 'scratch' && value !== 'tfjs') throw new UsageError(`--engine must be scratch or tfjs, got "${value}"`);
      opts.engine = value;
      return;
    case '--backend':
      if (!(CLI_BACKENDS as readonly string[]).includes(value)) throw new UsageError(`--backend must be ${CLI_BACKENDS.join(' or ')}, got "${value}"`);
      opts.backend = value as CliBackend;
      return;
    case '--reference':
      opts.reference = value;
      return;
  }
}

/** The run to do: a reference file's, or the tutorial's (data, seed-0 init) with the given settings. */
function buildRun(opts: Options): MlpReference {
  if (opts.reference !== undefined) {
    const fixed = (['hidden', 'passes', 'epsilon', 'reg'] as const).filter((k) => opts[k] !== undefined);
    if (fixed.length > 0) {
      throw new UsageError(`--${fixed[0]} cannot be combined with --reference (the reference file fixes it)`);
    }
    return loadReference(opts.reference);
  }
  const hidden = opts.hidden ?? 3;
  const passes = opts.passes ?? 20000;
  const data = tutorialMoons();
  const iterations: number[] = [];
  for (let it = 0; it < passes; it += 1000) iterations.push(it);
  return {
    X: Float64Array.from(data.points.flatMap((p) => [p.x, p.y])),
    y: Int32Array.from(data.points, (p) => p.label),
    hidden,
    classes: data.numClasses,
    passes,
    epsilon: opts.epsilon ?? 0.01,
    regLambda: opts.reg ?? 0.01,
    // build_model() calls np.random.seed(0) again before drawing the weights, hence a fresh generator.
    init: tutorialInit(hidden, data.numClasses, new MT19937(0)),
    iterations,
    expected: {},
  };
}

function loadReference(file: string): MlpReference {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ReferenceFormatError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ReferenceFormatError(`${file} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    return parseMlpReference(json);
  } catch (err) {
    if (err instanceof ReferenceFormatError) throw new ReferenceFormatError(`${file}: ${err.message}`);
    throw err;
  }
}

async function train(run: MlpReference, engine: Engine, backend: CliBackend, onLoss: LossCallback): Promise<ReferenceRun> {
  if (engine === 'scratch') return reproduceReference(run, onLoss);
  // Loaded only when asked for: TensorFlow.js takes a moment to import.
  await startTfjs(backend);
  const { reproduceReferenceTfjs } = await import('../core/mlp/tfjsReference');
  return reproduceReferenceTfjs(run, onLoss);
}

/** Whether a comparison is within the tolerance of the engine's arithmetic. */
function matches(c: ReferenceComparison, engine: Engine): boolean {
  // float64 replays the reference's NumPy arithmetic to ~1e-15; float32 keeps ~1e-7 per op, and the
  // weights drift further than the losses over 1000 steps (measured ≈ 1e-6; 1e-3 leaves ample room).
  const tol = engine === 'scratch' ? { loss: 1e-9, weight: 1e-9 } : { loss: 1e-4, weight: 1e-3 };
  const within = (v: number | undefined, t: number) => v === undefined || v <= t;
  return (
    within(c.losses, tol.loss) &&
    within(c.finalLoss, tol.loss) &&
    within(c.weights, tol.weight) &&
    within(c.trainAccuracy, 0)
  );
}

const fmt = (x: number) => x.toExponential(1);

export async function runClassifyCli(argv: string[]): Promise<number> {
  let opts: Options;
  let run: MlpReference;
  try {
    opts = parseArgs(argv);
    if (opts.help) {
      console.log(USAGE);
      return 0;
    }
    run = buildRun(opts);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`classify: ${err.message}\n(see: npm run cli -- classify --help)`);
      return 2;
    }
    if (err instanceof ReferenceFormatError) {
      console.error(`classify: ${err.message}`);
      return 2;
    }
    throw err;
  }

  const expectedLoss = new Map(run.expected.losses ?? []);
  if (!opts.json) {
    const source = opts.reference !== undefined ? `reference ${opts.reference}` : "the tutorial's moons, seed-0 init";
    const engine = opts.engine === 'scratch' ? 'from scratch, float64' : `TensorFlow.js autodiff, float32 ${opts.backend.toUpperCase()}`;
    console.log(
      `2 → ${run.hidden} (tanh) → ${run.classes} on ${run.y.length} points (${source}); ` +
        `${run.passes} passes, epsilon ${run.epsilon}, reg_lambda ${run.regLambda}; ${engine}`,
    );
  }
  const onLoss: LossCallback = (it, loss) => {
    if (opts.json) return;
    const want = expectedLoss.get(it);
    const note = want === undefined ? '' : `   (reference ${want.toFixed(6)}, relative error ${fmt(Math.abs(loss - want) / Math.abs(want))})`;
    console.log(`Loss after iteration ${it}: ${loss.toFixed(6)}${note}`);
  };
  const result = await train(run, opts.engine, opts.backend, onLoss);
  const comparison = compareWithReference(result, run);
  const ok = matches(comparison, opts.engine);

  if (opts.json) {
    console.log(
      JSON.stringify({
        losses: result.losses,
        final: toNested(result.final),
        final_loss: result.finalLoss,
        train_accuracy: result.trainAccuracy,
      }),
    );
  } else {
    console.log(
      `Final loss (after pass ${run.passes}): ${result.finalLoss.toFixed(6)}   training accuracy: ${result.trainAccuracy}`,
    );
    if (!Number.isFinite(result.finalLoss)) console.log('Training diverged (the loss is not finite): try a smaller --epsilon.');
    if (opts.reference !== undefined) {
      const parts = [
        comparison.losses !== undefined && `losses ${fmt(comparison.losses)}`,
        comparison.finalLoss !== undefined && `final loss ${fmt(comparison.finalLoss)}`,
        comparison.weights !== undefined && `weights ${fmt(comparison.weights)}`,
        comparison.trainAccuracy !== undefined && `accuracy difference ${comparison.trainAccuracy}`,
      ].filter(Boolean);
      const verdict = ok ? 'matches the reference' : 'DOES NOT match the reference';
      console.log(`${verdict}: max relative error ${parts.length > 0 ? parts.join(', ') : '(nothing to compare)'}`);
    }
  }
  return ok ? 0 : 1;
}
