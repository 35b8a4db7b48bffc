// An experiment tool, not part of `npm run bench`: trains the Text lab's TensorFlow.js engine in Node on the
// WASM backend (single thread) on the built-in corpus, with the lab's split (last 5% validation), and prints
// validation bits/char at checkpoints — measured the way the worker measures it on Stop (engine.evaluate on
// the whole validation text: rows of 256 characters, each from a zero state). The clock stops while scoring.
//
//   npx tsx bench/quality/nodeTrain.ts --cell=rnn --hidden=256 --batch=32 --window=64 --lr=0.01 --seconds=30,90
//   (--chars=2e5,1e6 or --steps=300,900 for checkpoints after N training characters or steps instead;
//   --warmup=50 --decay=cosine --decay-steps=1000 --floor=0.25 for a learning-rate schedule, lrSchedule.ts)
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { buildSotuCorpus } from '../../src/node/sotuCorpus';
import { useWasmHeapKernels } from '../../src/core/wasmKernels';
import { splitByPosition } from '../../src/core/text/corpus';
import { validBitsInRows } from '../../src/core/bench/qualityBench';
import type { CellType, TextOptimizer } from '../../src/core/text/engine';
import { createTfjsTextEngine } from '../../src/core/text/tfjs/engine';
import { buildVocab, encode } from '../../src/core/text/vocab';

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const list = (s: string) => s.split(',').filter(Boolean).map(Number);

async function main(): Promise<void> {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend unavailable');
  if (arg('tfjs-kernels', '') !== '1') useWasmHeapKernels(); // as the worker does (src/core/wasmKernels.ts)
  const text = buildSotuCorpus();
  const vocab = buildVocab(text);
  const { train, validation } = splitByPosition(encode(text, vocab), 0.05);
  const cell = arg('cell', 'lstm') as CellType;
  const spec = {
    cell,
    layers: Number(arg('layers', '1')),
    hidden: Number(arg('hidden', '128')),
    input: arg('input', 'embedding') as 'embedding' | 'onehot',
    embedding: Number(arg('embedding', '32')),
    dropout: 0,
    vocabSize: vocab.chars.length,
  };
  const trainSpec = {
    seqLength: Number(arg('window', '64')),
    batchSize: Number(arg('batch', '16')),
    optimizer: arg('optimizer', 'adam') as TextOptimizer,
    learningRate: Number(arg('lr', '0.02')),
    clipNorm: Number(arg('clip', '5')),
    seed: Number(arg('seed', '1')),
  };
  const carry = arg('carry', '') === '1';
  const warmup = Number(arg('warmup', '0'));
  const decay = arg('decay', 'none') as 'none' | 'cosine';
  const lrSchedule = warmup > 0 || decay !== 'none' ? { warmupSteps: warmup, decay, decaySteps: Number(arg('decay-steps', '1000')), floor: Number(arg('floor', '0.1')) } : undefined;
  const extra = { ...(carry ? { carryState: true } : {}), ...(lrSchedule ? { lrSchedule } : {}) };
  const engine = await createTfjsTextEngine(spec, { ...trainSpec, ...extra }, train, { lossReadEvery: Number(arg('read', '4')) });
  const seconds = list(arg('seconds', ''));
  const chars = list(arg('chars', ''));
  const stepMarks = list(arg('steps', ''));
  const label = process.argv.slice(2).join(' ');
  let trained = 0;
  let seen = 0;
  const charsPerStep = trainSpec.batchSize * trainSpec.seqLength;
  const points = seconds.length ? seconds.map((s) => ({ s })) : stepMarks.length ? stepMarks.map((n) => ({ c: n * charsPerStep })) : chars.map((c) => ({ c }));
  for (const point of points) {
    while ('s' in point ? trained < point.s * 1000 : seen < (point.c as number)) {
      const t0 = performance.now();
      await engine.train(1);
      trained += performance.now() - t0;
      seen += charsPerStep;
    }
    await engine.flushLoss();
    const e0 = performance.now();
    const nats = await engine.evaluate(validation);
    // --carried-eval=1: also the whole validation text read as one stream from a zero state (min-char-rnn's
    // own reading), through the JS stepper.
    const carriedBits = arg('carried-eval', '') === '1' ? validBitsInRows(await engine.stepper(), validation, validation.length) : undefined;
    console.log(
      JSON.stringify({
        label,
        at: 's' in point ? `${point.s}s` : `${point.c}ch`,
        seconds: +(trained / 1000).toFixed(1),
        chars: seen,
        steps: seen / charsPerStep,
        charsPerSec: Math.round(seen / (trained / 1000)),
        validBits: +(nats / Math.LN2).toFixed(4),
        ...(carriedBits !== undefined ? { carriedBits: +carriedBits.toFixed(4) } : {}),
        evalS: +((performance.now() - e0) / 1000).toFixed(1),
      }),
    );
  }
  engine.dispose();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
