// The resource verdict of the settings form's draft (core/text/preflight.ts), computed on the page before
// anything is sent: on the backend that will run it (the running one, or the one the draft chooses), with the
// limits the worker's `ready` reported, the corpus's vocabulary and split, and suggestions kept inside the
// form's ranges (TEXT_UI_RANGES).
import { preflightResources } from '../../../core/text/preflight';
import type { ResourceBackend } from '../../../core/text/resources';
import type { ResourceVerdict, SizeSetting } from '../../../core/text/resourceVerdict';
import type { BackendReport, CorpusStats } from '../../../workers/textProtocol';
import { TEXT_UI_RANGES, type LabSettings } from '../settings/labSettings';

/** The backend the draft will train on: the running one unless the draft names another. */
export function draftBackend(draft: LabSettings, report: BackendReport | undefined): ResourceBackend | undefined {
  if (draft.engine === 'scratch') return 'scratch';
  if (draft.engine !== 'auto' && draft.engine !== report?.requested) return draft.engine;
  return report?.backend;
}

/** The verdict on `draft`, or undefined while there is no corpus or backend to judge it against. */
export function draftVerdict(draft: LabSettings, report: BackendReport | undefined, stats: CorpusStats | undefined): ResourceVerdict | undefined {
  const backend = draftBackend(draft, report);
  if (!backend || !stats) return undefined;
  // Limits reported by another backend do not apply to this one.
  const queried = backend === report?.backend ? report.limits : undefined;
  return preflightResources(
    { model: { ...draft.model, vocabSize: Math.max(1, stats.vocabSize) }, train: draft.train, trainTokens: stats.trainChars, validTokens: stats.validChars },
    backend,
    queried,
    { minimum: { batchSize: TEXT_UI_RANGES.batchSize.min, seqLength: TEXT_UI_RANGES.seqLength.min, hidden: TEXT_UI_RANGES.hidden.min } },
  );
}

/** The draft with a suggested size applied. */
export function withSuggestion(draft: LabSettings, size: SizeSetting): LabSettings {
  return { ...draft, model: { ...draft.model, hidden: size.hidden }, train: { ...draft.train, batchSize: size.batchSize, seqLength: size.seqLength } };
}

/** "batch 96", "window 64 and hidden 256": what the suggestion changes, for its button. */
export function suggestionLabel(draft: LabSettings, size: SizeSetting): string {
  const parts: string[] = [];
  if (size.batchSize !== draft.train.batchSize) parts.push(`batch ${size.batchSize}`);
  if (size.seqLength !== draft.train.seqLength) parts.push(`window ${size.seqLength}`);
  if (size.hidden !== draft.model.hidden) parts.push(`hidden ${size.hidden}`);
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : (parts[0] ?? '');
}
