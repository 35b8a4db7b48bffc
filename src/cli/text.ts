// `npm run cli -- text …`: train a character-level language model in Node and sample from it, or replay a
// min-char-rnn reference file (`--reference FILE --json`) with the from-scratch engine.
//
// Exit codes: 0 success; 2 bad flags or bad input (unreadable or malformed files, settings out of range,
// a corpus that cannot train); 1 an unexpected failure while running.
import { parseArgs } from 'node:util';
import type { CellType, TextEngine, TextModelSpec, TextOptimizer, TextTrainSpec } from '../core/text/engine';
import { splitByPosition, validateCorpus } from '../core/text/corpus';
import { createTextEngine } from '../core/text/engineFactory';
import { primeTokens } from '../core/text/prime';
import { generate, seededRandom } from '../core/text/sampling';
import { buildVocab, decode, describeChar, encode, missingChars, type Vocab } from '../core/text/vocab';
import { ReferenceFileError, parseReferenceFile, type ReferenceFile } from '../core/text/scratch/referenceFile';
import { trainMinCharRnn } from '../core/text/scratch/minCharRnn';
import { scratchUnsupported } from '../core/text/scratch/scratchRnnEngine';
import { choice, defaultCorpus, FLAGS, number, readText, UsageError, type Values } from './textInput';
import { CLI_BACKENDS, DEFAULT_CLI_BACKEND, startTfjs, type CliBackend } from './tfjsBackend';
import { textPreflight } from './textPreflight';

const USAGE = `usage: npm run cli -- text [options]

Trains a character-level language model on a text file, printing progress, then samples from it.

  --corpus FILE          text to learn (UTF-8; default: the built-in State of the Union corpus)
  --model rnn|gru|lstm   recurrent cell (default rnn)
  --engine scratch|tfjs  scratch: the from-scratch JavaScript RNN (min-char-rnn); tfjs: TensorFlow.js
                         (default scratch for rnn, tfjs for gru and lstm)
  --backend wasm|cpu     TensorFlow.js backend for the tfjs engine (default wasm)
  --hidden N             hidden units per layer (scratch 100, tfjs 128)
  --layers N             stacked layers, 1–3 (default 1; scratch has 1)
  --seq N                BPTT window in characters (scratch 25, tfjs 64)
  --batch N              sequences per step (scratch 1, tfjs 32)
  --optimizer NAME       adagrad | adam | rmsprop | sgd (scratch adagrad, tfjs adam)
  --lr X                 learning rate (adagrad 0.1, sgd 0.05, adam 0.002, rmsprop 0.002)
  --clip X               gradient clip, 0 = off (default 5). scratch: each gradient entry clipped to
                         [-X, X] as in min-char-rnn; tfjs: the global gradient norm clipped to X
  --steps N              training steps (default 1000)
  --log-every N          progress line every N steps (default 100)
  --sample N             characters to generate after training (default 200)
  --temperature X        sampling temperature, 0 = always the most likely (default 1)
  --prime TEXT           text to start the sample with (default: a newline, if the corpus has one)
  --seed N               seed for initial weights, batches and sampling (default 1)
  --lowercase            lowercase the corpus first
  --min-count N          characters seen fewer than N times become '\uFFFD' (default 1)
  --save DIR             save the trained model (tfjs engine)
  --json                 print one JSON object instead of text
  --reference FILE       replay a min-char-rnn reference file (tests/fixtures/minchar_rnn_small.json
                         format) with the scratch engine; prints losses, smoothed losses and final weights
  --help                 this text`;

export async function runTextCli(argv: string[]): Promise<number> {
  let values: Values;
  try {
    values = parseArgs({ args: argv, options: FLAGS, strict: true, allowPositionals: false }).values;
  } catch (err) {
    console.error(`text: ${err instanceof Error ? err.message : String(err)}\nrun with --help for the options`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  try {
    return values.reference !== undefined ? runReference(values.reference, values) : await runTraining(values);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`text: ${err.message}`);
      return 2;
    }
    console.error(`text: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return 1;
  }
}

// ------------------------------------------------------------------------------------ reference mode

function runReference(path: string, values: Values): number {
  const extra = (Object.keys(values) as (keyof Values)[]).filter((k) => k !== 'reference' && k !== 'json' && values[k] !== undefined);
  if (extra.length > 0) throw new UsageError(`--reference takes its settings from the file; remove ${extra.map((k) => `--${k}`).join(', ')}`);
  let ref: ReferenceFile;
  try {
    ref = parseReferenceFile(readText(path, 'reference file'));
  } catch (err) {
    if (err instanceof ReferenceFileError) throw new UsageError(`reference file ${JSON.stringify(path)}: ${err.message}`);
    throw err;
  }
  const every = Math.max(1, Math.floor(ref.run.steps / 20));
  const result = trainMinCharRnn(ref.run, (step, loss, smooth) => {
    if (!values.json && (step % every === 0 || step === ref.run.steps - 1)) {
      console.log(`step ${String(step).padStart(5)}  loss ${loss.toFixed(6)}  smooth ${smooth.toFixed(6)}`);
    }
  });
  if (values.json) {
    console.log(JSON.stringify({ losses: result.losses, smooth_losses: result.smoothLosses, final: result.final }));
    return 0;
  }
  const expected = ref.expected;
  if (expected?.losses || expected?.smoothLosses || expected?.final) {
    const rows: [string, number[], number[] | undefined][] = [
      ['losses', result.losses, expected.losses],
      ['smooth_losses', result.smoothLosses, expected.smoothLosses],
    ];
    if (expected.final) {
      for (const k of ['Wxh', 'Whh', 'Why'] as const) rows.push([`final.${k}`, result.final[k].flat(), expected.final[k].flat()]);
      for (const k of ['bh', 'by'] as const) rows.push([`final.${k}`, result.final[k], expected.final[k]]);
    }
    console.log('\nagreement with the file (max relative error):');
    for (const [name, got, want] of rows) {
      if (!want) continue;
      if (want.length !== got.length) {
        console.log(`  ${name.padEnd(14)} the file has ${want.length} values, the run produced ${got.length}`);
        continue;
      }
      const err = got.reduce((m, g, i) => Math.max(m, Math.abs(g - want[i]) / Math.max(Math.abs(want[i]), 1e-300)), 0);
      console.log(`  ${name.padEnd(14)} ${err.toExponential(2)}${err <= 1e-9 ? '' : '  (above 1e-9)'}`);
    }
  }
  return 0;
}

// ------------------------------------------------------------------------------------- training mode

interface Setup {
  engineKind: 'scratch' | 'tfjs';
  backend: CliBackend;
  model: TextModelSpec;
  train: TextTrainSpec;
  steps: number;
  logEvery: number;
  sample: number;
  temperature: number;
}

function readSetup(values: Values, vocabSize: number): Setup {
  const cell = choice<CellType>(values, 'model', ['rnn', 'gru', 'lstm'], 'rnn');
  const engineKind = choice(values, 'engine', ['scratch', 'tfjs'] as const, cell === 'rnn' ? 'scratch' : 'tfjs');
  const scratch = engineKind === 'scratch';
  const backend = choice<CliBackend>(values, 'backend', CLI_BACKENDS, DEFAULT_CLI_BACKEND);
  if (scratch && values.backend !== undefined) throw new UsageError('--backend chooses the TensorFlow.js backend; the scratch engine has none (use --engine tfjs)');
  const optimizer = choice<TextOptimizer>(values, 'optimizer', ['adagrad', 'adam', 'rmsprop', 'sgd'], scratch ? 'adagrad' : 'adam');
  const defaultLr = optimizer === 'adagrad' ? 0.1 : optimizer === 'sgd' ? 0.05 : 0.002;
  const model: TextModelSpec = {
    cell,
    layers: number(values, 'layers', 1, { int: true, min: 1, max: 3 }),
    hidden: number(values, 'hidden', scratch ? 100 : 128, { int: true, min: 1, max: 1024 }),
    input: 'onehot',
    embedding: 0,
    dropout: 0,
    vocabSize,
  };
  const train: TextTrainSpec = {
    seqLength: number(values, 'seq', scratch ? 25 : 64, { int: true, min: 1, max: 1024 }),
    batchSize: number(values, 'batch', scratch ? 1 : 32, { int: true, min: 1, max: 1024 }),
    optimizer,
    learningRate: number(values, 'lr', defaultLr, { above: 0 }),
    clipNorm: number(values, 'clip', 5, { min: 0 }),
    seed: number(values, 'seed', 1, { int: true, min: 0 }),
  };
  if (scratch) {
    const problem = scratchUnsupported(model);
    if (problem) throw new UsageError(`${problem}; use --engine tfjs`);
  }
  return {
    engineKind,
    backend,
    model,
    train,
    steps: number(values, 'steps', 1000, { int: true, min: 0 }),
    logEvery: number(values, 'log-every', 100, { int: true, min: 1 }),
    sample: number(values, 'sample', 200, { int: true, min: 0 }),
    temperature: number(values, 'temperature', 1, { min: 0 }),
  };
}

/** --prime as tokens (core/text/prime.ts); without it a newline, or the corpus's first character. */
function readPrime(values: Values, vocab: Vocab, tokens: Int32Array): Int32Array {
  if (values.prime !== undefined) {
    if (values.prime === '') throw new UsageError('--prime must not be empty');
    const missing = missingChars(values.prime, vocab);
    if (missing.length > 0 && vocab.unknown === null) {
      throw new UsageError(`--prime has characters the corpus does not: ${missing.map(describeChar).join(', ')}`);
    }
  }
  const prime = values.prime ?? (vocab.index.has('\n') ? '\n' : '');
  return primeTokens(prime, vocab, { corpus: tokens });
}

interface ProgressPoint {
  step: number;
  loss: number;
  charsPerSecond: number;
}

async function runTraining(values: Values): Promise<number> {
  const json = values.json === true;
  // A leading byte-order mark is an encoding artefact, not text to learn.
  const text = (values.corpus !== undefined ? readText(values.corpus, 'corpus') : defaultCorpus()).replace(/^\uFEFF/, '');
  const minCount = number(values, 'min-count', 1, { int: true, min: 1 });
  const vocab = buildVocab(text, { lowercase: values.lowercase === true, minCount });
  const tokens = encode(text, vocab);
  const setup = readSetup(values, vocab.chars.length);
  const corpusProblem = validateCorpus(text, setup.train.seqLength);
  if (corpusProblem) throw new UsageError(corpusProblem);
  const prime = readPrime(values, vocab, tokens);
  if (values.save !== undefined && setup.engineKind !== 'tfjs') {
    throw new UsageError('--save is not available for the scratch engine (saving exports a TensorFlow.js model); use --engine tfjs');
  }

  // Hold out the tail for validation, unless that leaves too little to train on.
  let { train: trainTokens, validation } = splitByPosition(tokens);
  if (trainTokens.length < setup.train.seqLength + 1) {
    trainTokens = tokens;
    validation = tokens.subarray(0, 0);
  }

  const refusal = textPreflight(text, vocab, { train: trainTokens, validation }, { engineKind: setup.engineKind, backend: setup.backend, model: setup.model, train: setup.train });
  if (refusal) throw new UsageError(refusal);
  const engine = await createEngine(setup, trainTokens);

  try {
    if (!json) {
      const m = setup.model;
      const t = setup.train;
      console.log(
        `corpus: ${tokens.length} characters, vocabulary ${vocab.chars.length}${vocab.unknown !== null ? " (rare ones as '\uFFFD')" : ''}, ` +
          `${validation.length} held out for validation`,
      );
      console.log(
        `model: ${m.cell} ${m.layers}×${m.hidden} on ${engine.kind}${setup.engineKind === 'tfjs' ? ` (${setup.backend})` : ''}; ${t.optimizer} lr ${t.learningRate}, clip ${t.clipNorm}, ` +
          `batch ${t.batchSize}×${t.seqLength}, ${setup.steps} steps`,
      );
    }

    const progress: ProgressPoint[] = [];
    const started = performance.now();
    for (let done = 0; done < setup.steps; ) {
      const n = Math.min(setup.logEvery, setup.steps - done);
      const t0 = performance.now();
      const burst = await engine.train(n);
      const seconds = (performance.now() - t0) / 1000;
      done += n;
      const point = { step: done, loss: burst.loss ?? NaN, charsPerSecond: burst.chars / Math.max(seconds, 1e-9) };
      progress.push(point);
      if (!json) {
        console.log(
          `step ${String(done).padStart(6)}  loss ${point.loss.toFixed(4)} nats/char (${(point.loss / Math.LN2).toFixed(3)} bits)  ` +
            `${Math.round(point.charsPerSecond)} chars/s`,
        );
      }
    }
    const trainSeconds = (performance.now() - started) / 1000;
    const validationLoss = validation.length >= 2 ? await engine.evaluate(validation) : null;
    if (!json && validationLoss !== null) {
      console.log(`validation loss ${validationLoss.toFixed(4)} nats/char (${(validationLoss / Math.LN2).toFixed(3)} bits)`);
    }

    let sample = '';
    if (setup.sample > 0) {
      const stepper = await engine.stepper();
      stepper.reset();
      const generated = generate(stepper, prime, setup.sample, setup.temperature, seededRandom(setup.train.seed + 1));
      sample = decode(prime, vocab) + decode(generated, vocab);
    }
    let savedTo: string | null = null;
    if (values.save !== undefined) savedTo = await saveModel(engine, values.save, vocab, progress, trainSeconds);

    if (json) {
      console.log(
        JSON.stringify({
          engine: engine.kind,
          backend: setup.engineKind === 'tfjs' ? setup.backend : null,
          model: setup.model,
          train: setup.train,
          corpus: { characters: tokens.length, vocabSize: vocab.chars.length, validation: validation.length },
          steps: setup.steps,
          seconds: trainSeconds,
          progress,
          validationLoss,
          sample,
          savedTo,
        }),
      );
    } else {
      if (setup.sample > 0) console.log(`\n--- sample (temperature ${setup.temperature}) ---\n${sample}\n---`);
      if (savedTo) console.log(`saved to ${savedTo}`);
    }
    return 0;
  } finally {
    engine.dispose();
  }
}

// -------------------------------------------------------------------------------------------- engines

/** The core's engine factory, after the CLI's own backend start-up (TensorFlow.js on --backend, tfjsBackend.ts). */
async function createEngine(setup: Setup, trainTokens: Int32Array): Promise<TextEngine> {
  if (setup.engineKind === 'scratch') {
    try {
      return await createTextEngine('scratch', setup.model, setup.train, trainTokens);
    } catch (err) {
      // The constructor's checks (corpus too short for the batch, …) are problems with the input.
      throw new UsageError(err instanceof Error ? err.message : String(err));
    }
  }
  // Loaded only when asked for, so the scratch engine and --reference start without TensorFlow.js.
  await startTfjs(setup.backend);
  const { checkModelSpec } = await import('../core/text/tfjs/spec');
  const problem = checkModelSpec(setup.model);
  if (problem) throw new UsageError(problem);
  try {
    return await createTextEngine('tfjs', setup.model, setup.train, trainTokens);
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError(err.message);
    throw err;
  }
}

/** Writes the model with the TensorFlow.js helper's exporter; returns the directory. */
async function saveModel(engine: TextEngine, dir: string, vocab: Vocab, progress: ProgressPoint[], seconds: number): Promise<string> {
  const { TfjsTextEngine } = await import('../core/text/tfjs/index');
  if (!(engine instanceof TfjsTextEngine)) throw new UsageError('--save is not available for this engine');
  const { saveToDirectory } = await import('../node/modelDirectory');
  const last = progress.at(-1)?.step ?? 0;
  const history = progress.map((p) => ({ step: p.step, train: p.loss, elapsedMs: (seconds * 1000 * p.step) / Math.max(last, 1) }));
  try {
    await saveToDirectory(engine, vocab, { minCount: vocab.minCount, history }, dir);
  } catch (err) {
    throw new UsageError(`cannot save to ${JSON.stringify(dir)}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return dir;
}
