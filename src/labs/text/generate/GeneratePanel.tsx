// Generate on demand: a prime, a temperature (0 = always the most likely character) and a length; the text
// streams in and Stop cancels at once.
import { userMessageOf } from '../../userMessage';
import { useEffect, useId, useRef, useState } from 'react';
import type { DoneReason } from '../../../workers/textProtocol';
import type { GenerateHandle } from '../session/textSessionApi';
import { NumberField } from '../../../ui/NumberField';
import { StreamedText } from './StreamedText';
import './generate.css';

/** What the user typed: kept by the lab so it survives a reload. */
export interface GenerateInputs {
  prime: string;
  length: number;
}

interface Props {
  canGenerate: boolean;
  inputs: GenerateInputs;
  onInputsChange(inputs: GenerateInputs): void;
  temperature: number;
  onTemperatureChange(t: number): void;
  generate(prime: string, length: number, temperature: number, onText: (text: string) => void): GenerateHandle;
}

export function GeneratePanel({ canGenerate, inputs, onInputsChange, temperature, onTemperatureChange, generate }: Props) {
  const tempId = useId();
  const primeId = useId();
  const { prime, length } = inputs;
  const [output, setOutput] = useState('');
  const [running, setRunning] = useState(false);
  const [note, setNote] = useState<string>();
  const [stopped, setStopped] = useState(false);
  /** The prime of the text on screen (the box may have changed since). */
  const [usedPrime, setUsedPrime] = useState('');
  const handle = useRef<GenerateHandle | undefined>(undefined);
  /** Run counter: chunks of a stopped or replaced run are dropped, so Stop takes effect at once. */
  const runRef = useRef(0);
  /** Keys the streamed output, so each run starts from an empty display. */
  const [runKey, setRunKey] = useState(0);
  // Stop a running generation when the panel goes away.
  useEffect(() => () => handle.current?.cancel(), []);

  const start = () => {
    setOutput('');
    setNote(undefined);
    setStopped(false);
    setUsedPrime(prime);
    setRunning(true);
    const run = ++runRef.current;
    setRunKey(run);
    try {
      const h = generate(prime, length, temperature, (text) => {
        if (runRef.current === run) setOutput((o) => o + text);
      });
      handle.current = h;
      h.done
        .then((reason: DoneReason) => {
          if (reason === 'cancelled') setNote('Stopped.');
        })
        .catch((err: unknown) => setNote(plainWords(err)))
        .finally(() => {
          if (handle.current === h) handle.current = undefined;
          if (runRef.current === run) setRunning(false);
        });
    } catch (err) {
      setRunning(false);
      setNote(plainWords(err));
    }
  };

  const stop = () => {
    handle.current?.cancel();
    handle.current = undefined;
    runRef.current++;
    setStopped(true);
    setRunning(false);
    setNote('Stopped.');
  };

  return (
    <section className="tl-card tl-generate" aria-labelledby="tl-generate-title">
      <h2 id="tl-generate-title">Generate</h2>
      <div className="tl-grid">
        <label className="tl-field" htmlFor={primeId}>
          <span>Prime text (optional)</span>
          <input id={primeId} type="text" value={prime} onChange={(e) => onInputsChange({ ...inputs, prime: e.currentTarget.value })} placeholder="e.g. The state of our" data-testid="text-prime" />
        </label>
        <label className="tl-field" htmlFor={tempId}>
          <span>
            Temperature: <output data-testid="text-temperature-value">{temperature === 0 ? '0 (argmax)' : temperature.toFixed(2)}</output>
          </span>
          <input
            id={tempId}
            type="range"
            min={0}
            max={2}
            step={0.05}
            value={temperature}
            onChange={(e) => onTemperatureChange(e.currentTarget.valueAsNumber)}
            data-testid="text-temperature"
          />
        </label>
        <NumberField label="Length (characters)" value={length} min={1} max={10000} testId="text-gen-length" onCommit={(n) => onInputsChange({ ...inputs, length: n })} />
      </div>
      <div className="tl-row">
        <button type="button" className="tl-primary" onClick={start} disabled={!canGenerate || running} data-testid="text-generate">
          Generate
        </button>
        <button type="button" onClick={stop} disabled={!running} data-testid="text-generate-stop">
          Stop
        </button>
        {!canGenerate && <span className="tl-muted">Train or load a model first.</span>}
        {note && <span className="tl-muted" data-testid="text-generate-note">{note}</span>}
      </div>
      <StreamedText
        key={runKey}
        text={output}
        paused={stopped}
        className="tl-text tl-output"
        testId="text-generated"
        ariaBusy={running}
        before={usedPrime && output ? <span className="tl-prime">{usedPrime}</span> : null}
      />
    </section>
  );
}

/** A failed generation in one line of plain words (the catalogue's, for worker errors). */
function plainWords(err: unknown): string {
  const m = userMessageOf(err);
  return [m.title && `${m.title}.`, m.message, m.next].filter(Boolean).join(' ');
}
