// The Text worker's own checks before it allocates (core/text/preflight.ts, core/text/corpusFitness.ts): a
// setting that cannot fit the running backend is refused in build, reset and import with error 'too-large'
// and the verdict's plain words (numbers and the largest setting that fits); a corpus that cannot train the
// page's window and batch is refused in set-corpus with 'bad-corpus' and the reason, and its remarks go back
// to the page as notes. The page runs the same checks first; these keep a request that skipped them (an old
// tab, a hand-made message, a model file) from ending in a library's out-of-memory error.
import { corpusFacts, corpusFitness } from '../../core/text/corpusFitness';
import type { TextModelSpec, TextTrainSpec } from '../../core/text/engine';
import { preflightResources } from '../../core/text/preflight';
import type { SetCorpusRequest } from '../textProtocol';
import type { SessionContext } from './context';
import type { PreparedCorpus } from './corpus';
import { SessionError } from './sessionUtil';

/** Throws 'too-large' when `model` trained with `train` cannot fit the running backend. */
export function refuseTooLarge(ctx: SessionContext, model: TextModelSpec, train: TextTrainSpec, tokens?: { train?: Int32Array; valid?: Int32Array }): void {
  const backend = ctx.report?.backend;
  if (!backend) return;
  const verdict = preflightResources(
    { model, train, trainTokens: tokens?.train?.length ?? 0, validTokens: tokens?.valid?.length ?? 0 },
    backend,
    ctx.report?.limits,
  );
  if (verdict.level === 'refuse') throw new SessionError('too-large', verdict.message ?? 'This setting needs more memory than this engine holds.');
}

/** The corpus's remarks for `fit` (window and batch), or throws 'bad-corpus' with the reason it cannot train. */
export function corpusNotes(ctx: SessionContext, prepared: PreparedCorpus, fit: SetCorpusRequest['fit']): string[] {
  if (!fit || !(fit.seqLength >= 1) || !(fit.batchSize >= 1)) return [];
  const facts = corpusFacts(prepared.text, prepared.vocab, { train: prepared.train, validation: prepared.valid }, prepared.validFraction);
  const fitness = corpusFitness(facts, { seqLength: Math.floor(fit.seqLength), batchSize: Math.floor(fit.batchSize), engine: ctx.kind() });
  if (fitness.level === 'refuse') throw new SessionError('bad-corpus', fitness.message ?? 'This text cannot train the model.');
  return fitness.findings.map((f) => f.message);
}
