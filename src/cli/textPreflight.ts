// The `text` command's checks before training, the same the page and the worker run: corpus fitness
// (core/text/corpusFitness.ts) and the resource verdict (core/text/preflight.ts). The caller turns a refusal
// into exit code 2.
import { corpusFacts, corpusFitness } from '../core/text/corpusFitness';
import { DEFAULT_VALID_FRACTION } from '../core/text/defaults';
import type { TextModelSpec, TextTrainSpec } from '../core/text/engine';
import { preflightResources } from '../core/text/preflight';
import type { Vocab } from '../core/text/vocab';

export interface PreflightSetup {
  engineKind: 'scratch' | 'tfjs';
  /** TensorFlow.js's backend for the tfjs engine (--backend). */
  backend: 'wasm' | 'cpu';
  model: TextModelSpec;
  train: TextTrainSpec;
}

/** The refusal (plain words) when the corpus cannot train or the setting cannot fit, else null; remarks and
 *  warnings go to stderr. */
export function textPreflight(text: string, vocab: Vocab, split: { train: Int32Array; validation: Int32Array }, setup: PreflightSetup): string | null {
  const { seqLength, batchSize } = setup.train;
  const fraction = split.validation.length > 0 ? DEFAULT_VALID_FRACTION : 0;
  const fitness = corpusFitness(corpusFacts(text, vocab, split, fraction), { seqLength, batchSize, engine: setup.engineKind });
  if (fitness.level === 'refuse') return fitness.message ?? 'the corpus cannot train this model';
  for (const f of fitness.findings) console.error(`warning: ${f.message}`);
  // The budget of what runs the math: the WASM heap, or the JS heap (TensorFlow.js's CPU backend, from scratch).
  const verdict = preflightResources(
    { model: setup.model, train: setup.train, trainTokens: split.train.length, validTokens: split.validation.length },
    setup.engineKind === 'scratch' ? 'scratch' : setup.backend,
  );
  if (verdict.level === 'refuse') return verdict.message ?? 'this setting needs more memory than is available';
  if (verdict.level === 'warn' && verdict.message) console.error(`warning: ${verdict.message}`);
  return null;
}
