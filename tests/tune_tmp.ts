import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { buildSotuCorpus } from '../scripts/sotuCorpus';
import { buildVocab, encode } from '../src/core/text/vocab';
import { splitByPosition } from '../src/core/text/corpus';
import { createTfjsTextEngine } from '../src/core/text/tfjs/engine';
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
await tf.setBackend('wasm');
const text = buildSotuCorpus();
const vocab = buildVocab(text);
const { train, validation } = splitByPosition(encode(text, vocab), 0.1);
const [cell, hidden, emb, T, B, lr, secs] = process.argv.slice(2);
const e = await createTfjsTextEngine({ cell: cell as 'lstm', layers: 1, hidden: +hidden, input: 'embedding', embedding: +emb, dropout: 0, vocabSize: vocab.chars.length },
  { seqLength: +T, batchSize: +B, optimizer: 'adam', learningRate: +lr, clipNorm: 5, seed: 1 }, train);
const t0 = Date.now(); let steps = 0; let last = 0;
console.log('V', vocab.chars.length, 'ln V', Math.log(vocab.chars.length).toFixed(3));
while (Date.now() - t0 < +secs * 1000) {
  const b = await e.train(4); steps += 4;
  if (Date.now() - last > 10000) { last = Date.now(); console.log(((Date.now()-t0)/1000).toFixed(0)+'s', steps, b.loss?.toFixed(3), (await e.evaluate(validation.subarray(0, 3001))).toFixed(3)); }
}
console.log('final', steps, (await e.evaluate(validation.subarray(0, 3001))).toFixed(3), 'ms/step', ((Date.now()-t0)/steps).toFixed(0));
const st = await e.stepper(); let out = ''; let tok = vocab.index.get('T')!; 
for (let i = 0; i < 150; i++) { const p = st.next(tok); let r = Math.random(), k = 0; for (; k < p.length - 1; k++) { r -= p[k]; if (r < 0) break; } tok = k; out += vocab.chars[k]; }
console.log(JSON.stringify(out));
