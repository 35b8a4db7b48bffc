// The model's lifecycle in the Text worker: the corpus it trains on, build, reset, export, import, and the
// restore that carries a TensorFlow.js model across a backend switch. Engine construction is the core's
// (createTextEngine); saving and loading engines is engineFiles.ts's.
import { validateCorpus } from '../../core/text/corpus';
import type { TextModelSpec, TextTrainSpec } from '../../core/text/engine';
import { createTextEngine, minTrainTokens, UnsupportedModelError } from '../../core/text/engineFactory';
import type { TextModelBundle } from '../../core/text/tfjs/bundle';
import { checkModelSpec, checkTrainSpec } from '../../core/text/tfjs/spec';
import { vocabFromJson, vocabToJson } from '../../core/text/tfjs/vocabJson';
import type { Vocab } from '../../core/text/vocab';
import type { SetCorpusRequest, TextModelSettings, VocabOptions } from '../textProtocol';
import type { SessionContext } from './context';
import { prepareCorpus, sameVocab, type PreparedCorpus } from './corpus';
import { exportEngine, importEngine } from './engineFiles';
import { corpusNotes, refuseTooLarge } from './preflightGate';
import { SessionError } from './sessionUtil';

export class ModelLifecycle {
  constructor(
    private readonly ctx: SessionContext,
    /** True while a training run is active (then the model must not change under it). */
    private readonly isTraining: () => boolean,
  ) {}

  /** `set-corpus`: keeps the model when the vocabulary is unchanged, else drops it. */
  async setCorpus(id: number, text: string, options: VocabOptions, validFraction: number, fit?: SetCorpusRequest['fit']): Promise<void> {
    const ctx = this.ctx;
    if (this.isTraining()) throw new SessionError('busy', 'Pause training before changing the corpus.');
    const prepared = prepareCorpus(text, { lowercase: options?.lowercase === true, minCount: options?.minCount ?? 1 }, validFraction);
    // Refused before the model or the held corpus change: the page keeps what it had.
    const notes = corpusNotes(ctx, prepared, fit);
    let modelKept = false;
    if (ctx.engine && ctx.vocab && sameVocab(prepared.vocab, ctx.vocab)) {
      modelKept = true;
      ctx.corpus = prepared;
      await this.useCorpusTokens();
    } else {
      await ctx.dropModel();
      ctx.corpus = prepared;
      ctx.useCorpusVocab(prepared);
      if (ctx.phase !== 'lost') ctx.setPhase('empty');
    }
    ctx.post({ type: 'corpus', id, stats: prepared.stats, vocab: vocabToJson(prepared.vocab, prepared.options.minCount), modelKept, notes });
  }

  /** Points the model at the held corpus (encoded with the model's vocabulary). */
  private async useCorpusTokens(): Promise<void> {
    const ctx = this.ctx;
    const c = ctx.corpus;
    const vocab = ctx.vocab;
    if (!c || !vocab) return;
    const encoded = sameVocab(c.vocab, vocab) ? c : prepareCorpus(c.text, { lowercase: vocab.lowercase, minCount: ctx.minCount }, c.validFraction, vocab);
    ctx.trainTokens = encoded.train;
    ctx.validTokens = encoded.valid;
    const engine = ctx.engine;
    const T = ctx.trainSpec?.seqLength ?? Infinity;
    if (!engine || encoded.train.length <= T) return;
    let next = engine;
    try {
      next = await ctx.lock.run(() => engine.withTrainTokens(encoded.train));
    } catch {
      // Too short for the engine's batches (the scratch engine's lanes): training will report it (checkTrainable).
    }
    await ctx.replaceEngine(next);
  }

  /** Throws the reason the held tokens cannot train `train`'s windows, if any. */
  checkTrainable(train: TextTrainSpec): void {
    const ctx = this.ctx;
    const tokens = ctx.trainTokens;
    if (!ctx.corpus || !tokens) throw new SessionError('no-corpus', 'Set a corpus first.');
    const problem = validateCorpus(ctx.corpus.text, train.seqLength);
    if (problem) throw new SessionError('bad-corpus', problem);
    const need = minTrainTokens(ctx.kind(), train);
    const lanes = ctx.kind() === 'scratch';
    if (tokens.length < need) {
      throw new SessionError(
        'bad-corpus',
        `The training part of the corpus has ${tokens.length} characters; a window of ${train.seqLength}${lanes ? ` in ${train.batchSize} lanes` : ''} needs ${need}. Add text, or shorten the window.`,
      );
    }
  }

  /** `build`: a fresh model on the corpus's own vocabulary (an imported model's may differ). */
  async build(id: number, settings: TextModelSettings, train: TextTrainSpec): Promise<void> {
    const ctx = this.ctx;
    if (this.isTraining()) throw new SessionError('busy', 'Pause training before building a new model.');
    if (!ctx.corpus) throw new SessionError('no-corpus', 'Set a corpus first.');
    const corpus = ctx.corpus;
    const spec: TextModelSpec = { ...settings, vocabSize: corpus.vocab.chars.length };
    const problem = checkModelSpec(spec) ?? checkTrainSpec(train);
    if (problem) throw new SessionError('bad-request', problem);
    // Before the current model is dropped: a refused setting leaves it as it was.
    refuseTooLarge(ctx, spec, train, { train: corpus.train, valid: corpus.valid });
    await ctx.dropModel();
    ctx.useCorpusVocab(corpus);
    this.checkTrainable(train);
    ctx.installEngine(await this.createEngine(spec, train, ctx.corpus.train), spec, train);
    ctx.post({
      type: 'built',
      id,
      model: spec,
      train: { ...train },
      params: ctx.engine?.paramCount ?? 0,
      baselineLoss: Math.log(spec.vocabSize),
    });
    ctx.setPhase('ready');
  }

  /** `reset` (after the caller stopped training): the same settings and seed, fresh weights and record. */
  async reset(id: number): Promise<void> {
    const ctx = this.ctx;
    const spec = ctx.requireModel();
    const train = ctx.trainSpec as TextTrainSpec;
    this.checkTrainable(train);
    refuseTooLarge(ctx, spec, train, { train: ctx.trainTokens, valid: ctx.validTokens });
    const tokens = ctx.trainTokens as Int32Array;
    await ctx.dropModel();
    ctx.installEngine(await this.createEngine(spec, train, tokens), spec, train);
    ctx.reply(id);
    ctx.setPhase('ready');
  }

  private async createEngine(spec: TextModelSpec, train: TextTrainSpec, tokens: Int32Array) {
    try {
      return await createTextEngine(this.ctx.kind(), spec, train, tokens);
    } catch (err) {
      if (err instanceof UnsupportedModelError) throw new SessionError('unsupported', `${err.message}. Choose a TensorFlow.js backend for this model.`);
      throw err;
    }
  }

  /** The current model as a bundle (call inside the lock). */
  exportBundle(): Promise<TextModelBundle> {
    const ctx = this.ctx;
    return exportEngine(ctx.engine!, ctx.trainSpec as TextTrainSpec, {
      vocab: vocabToJson(ctx.vocab as Vocab, ctx.minCount),
      step: ctx.record.step,
      history: ctx.record.history,
    });
  }

  /** `export`: reply `exported`, the weights buffer transferred. */
  async exportModel(id: number): Promise<void> {
    const ctx = this.ctx;
    ctx.requireModel();
    const bundle = await ctx.foreground.run(() => ctx.lock.run(() => this.exportBundle()));
    ctx.post({ type: 'exported', id, bundle }, [bundle.weights]);
  }

  /** Installs the model of a bundle (re-encoding the held corpus with its vocabulary). */
  async restore(bundle: TextModelBundle): Promise<PreparedCorpus['stats'] | undefined> {
    const ctx = this.ctx;
    const sidecarVocab = (bundle as { sidecar?: { vocab?: unknown } } | null)?.sidecar?.vocab;
    // Encode the corpus with the model's vocabulary before building the engine (it needs the tokens).
    let vocab: Vocab | undefined;
    let tokens: Int32Array | null = null;
    let stats: PreparedCorpus['stats'] | undefined;
    let valid: Int32Array | undefined;
    try {
      vocab = vocabFromJson(sidecarVocab as Parameters<typeof vocabFromJson>[0]);
    } catch {
      vocab = undefined; // importEngine reports the malformed vocabulary precisely
    }
    if (vocab && ctx.corpus) {
      const c = ctx.corpus;
      const encoded = prepareCorpus(c.text, { lowercase: vocab.lowercase, minCount: 1 }, c.validFraction, vocab);
      tokens = encoded.train;
      valid = encoded.valid;
      stats = encoded.stats;
    }
    refuseBundleTooLarge(this.ctx, bundle, tokens, valid);
    const { engine, sidecar } = await importEngine(ctx.kind(), bundle, tokens);
    await ctx.dropModel();
    engine.resumeAtStep?.(sidecar.step);
    ctx.installEngine(engine, sidecar.model, sidecar.train);
    ctx.vocab = vocabFromJson(sidecar.vocab);
    ctx.minCount = sidecar.vocab.minCount ?? 1;
    ctx.trainTokens = tokens && tokens.length > sidecar.train.seqLength ? tokens : undefined;
    ctx.validTokens = valid;
    ctx.record.restore(sidecar);
    return stats;
  }

  /** `import`: replaces the model by a saved one; reply `imported`. */
  async importModel(id: number, bundle: TextModelBundle): Promise<void> {
    const ctx = this.ctx;
    if (this.isTraining()) throw new SessionError('busy', 'Pause training before loading a model.');
    const stats = await this.restore(bundle);
    ctx.post({
      type: 'imported',
      id,
      model: { ...(ctx.modelSpec as TextModelSpec) },
      train: { ...(ctx.trainSpec as TextTrainSpec) },
      vocab: vocabToJson(ctx.vocab as Vocab, ctx.minCount),
      step: ctx.record.step,
      history: ctx.record.history.map((p) => ({ ...p })),
      stats,
    });
    ctx.setPhase('ready');
  }
}

/** A saved model whose settings cannot fit the running backend is refused before its weights are loaded (a
 *  malformed sidecar is left to importEngine, which names the problem). */
function refuseBundleTooLarge(ctx: SessionContext, bundle: TextModelBundle, train: Int32Array | null, valid: Int32Array | undefined): void {
  const sidecar = (bundle as { sidecar?: { model?: TextModelSpec; train?: TextTrainSpec } } | null)?.sidecar;
  if (!sidecar?.model || !sidecar.train) return;
  let wellFormed: boolean;
  try {
    wellFormed = checkModelSpec(sidecar.model) === null && checkTrainSpec(sidecar.train) === null;
  } catch {
    wellFormed = false;
  }
  if (wellFormed) refuseTooLarge(ctx, sidecar.model, sidecar.train, { train: train ?? undefined, valid });
}
