// How the corpus becomes tokens: lower-casing, folding rare characters into the unknown token, and the
// share of the text held out to measure validation loss.
import type { VocabOptions } from '../../../workers/textProtocol';
import './corpus.css';

export interface CorpusOptionsValue {
  vocab: VocabOptions;
  /** 0–0.5. */
  validFraction: number;
}

interface Props {
  value: CorpusOptionsValue;
  disabled: boolean;
  onChange(value: CorpusOptionsValue): void;
}

export function CorpusOptions({ value, disabled, onChange }: Props) {
  return (
    <fieldset className="tl-fieldset tl-options" disabled={disabled}>
      <legend>Corpus options</legend>
      <label className="tl-check">
        <input
          type="checkbox"
          checked={value.vocab.lowercase}
          onChange={(e) => onChange({ ...value, vocab: { ...value.vocab, lowercase: e.currentTarget.checked } })}
          data-testid="corpus-lowercase"
        />
        Lower-case everything
      </label>
      <label className="tl-field">
        <span>Fold characters seen fewer than</span>
        <input
          type="number"
          min={1}
          max={1000}
          step={1}
          value={value.vocab.minCount}
          onChange={(e) => {
            const n = Math.round(e.currentTarget.valueAsNumber);
            if (Number.isFinite(n) && n >= 1) onChange({ ...value, vocab: { ...value.vocab, minCount: Math.min(1000, n) } });
          }}
          data-testid="corpus-mincount"
        />
        <span>times into “unknown”</span>
      </label>
      <label className="tl-field">
        <span>Validation split</span>
        <select
          value={String(value.validFraction)}
          onChange={(e) => onChange({ ...value, validFraction: Number(e.currentTarget.value) })}
          data-testid="corpus-valid"
        >
          {[0, 0.02, 0.05, 0.1, 0.2].map((f) => (
            <option key={f} value={String(f)}>
              {f === 0 ? 'none' : `${Math.round(f * 100)}% (the last part of the text)`}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
