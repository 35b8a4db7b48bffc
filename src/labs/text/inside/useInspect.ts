// The units-over-text view's state and worker traffic: which text, layer, channel and unit; the probe
// (a built-in pattern, or the learner's regex, run in a throwaway worker); the latest `inspected` reply; and
// the repeat while training (spaced by liveRefresh.ts so training slows by under 10%).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProbePattern } from '../../../core/text/inside/probe';
import type { TraceChannel } from '../../../core/text/inside/trace';
import type { InspectedEvent, InspectSource } from '../../../workers/textProtocol';
import type { TextSessionCommands } from '../session/textSessionApi';
import { computeRegexTarget } from './regexTargetClient';
import { liveGapMs } from './liveRefresh';

export type SourceKind = 'valid' | 'sample' | 'typed';
export type ProbeChoice = 'none' | ProbePattern | 'regex';

export interface InspectInputs {
  source: SourceKind;
  typed: string;
  layer: number;
  channel: TraceChannel;
  probe: ProbeChoice;
  regex: string;
}

interface Deps {
  inspect: TextSessionCommands['inspect'];
  /** A model is there and the worker is up. */
  enabled: boolean;
  training: boolean;
  /** The newest complete sample text (for source 'sample'). */
  sample: string | undefined;
  /** Changes when the model changes (a new model: start over). */
  modelKey: string;
}

export function useInspect({ inspect, enabled, training, sample, modelKey }: Deps) {
  const [inputs, setInputs] = useState<InspectInputs>({ source: 'valid', typed: '', layer: 0, channel: 'h', probe: 'none', regex: '"[^"]*"' });
  const [unit, setUnit] = useState(0);
  const [result, setResult] = useState<InspectedEvent>();
  const [error, setError] = useState<string>();
  const [probeMessage, setProbeMessage] = useState<string>();
  const [running, setRunning] = useState(false);
  const [live, setLive] = useState(true);
  const regexCache = useRef<{ text: string; pattern: string; target: Float32Array } | undefined>(undefined);
  const inFlight = useRef(false);
  /** Duration of the last job: the first repeat while training is spaced by it too. */
  const lastJobMs = useRef(0);

  const sourceOf = useCallback((i: InspectInputs): InspectSource | string => {
    if (i.source === 'valid') return { kind: 'valid' };
    const text = i.source === 'sample' ? sample : i.typed;
    if (!text) return i.source === 'sample' ? 'No sample yet: train for a while (samples appear under Training), then try again.' : 'Type some text first.';
    return { kind: 'text', text };
  }, [sample]);

  const run = useCallback(async (i: InspectInputs): Promise<number | undefined> => {
    if (inFlight.current) return undefined;
    const source = sourceOf(i);
    if (typeof source === 'string') {
      setError(source);
      return undefined;
    }
    inFlight.current = true;
    setRunning(true);
    setError(undefined);
    try {
      const base = { source, layer: i.layer, channel: i.channel };
      let reply: InspectedEvent;
      if (i.probe === 'regex') {
        // The text is known only after a first pass; the regex's target is then cached for this text.
        const cached = regexCache.current;
        if (cached && cached.pattern === i.regex && result?.text === cached.text && source.kind === 'valid') {
          reply = await inspect({ ...base, probe: { values: cached.target.slice() } });
        } else {
          const first = await inspect(base);
          const target = await computeRegexTarget(first.text, i.regex);
          if (!target.ok) {
            setProbeMessage(target.message);
            setResult(first);
            return first.elapsedMs;
          }
          regexCache.current = { text: first.text, pattern: i.regex, target: target.target };
          reply = await inspect({ ...base, probe: { values: target.target.slice() } });
        }
      } else {
        reply = await inspect(i.probe === 'none' ? base : { ...base, probe: { pattern: i.probe } });
      }
      setProbeMessage(reply.ranking === null ? 'The pattern never changes over this text (all 0 or all 1), so nothing can follow it: pick another pattern or text.' : undefined);
      setResult(reply);
      lastJobMs.current = reply.elapsedMs;
      return reply.elapsedMs;
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      return undefined;
    } finally {
      inFlight.current = false;
      setRunning(false);
    }
  }, [inspect, sourceOf, result?.text]);

  const update = useCallback((patch: Partial<InspectInputs>) => {
    setInputs((old) => {
      const next = { ...old, ...patch };
      if (patch.probe !== undefined || patch.regex !== undefined) setProbeMessage(undefined);
      return next;
    });
  }, []);

  // A new model: forget the old result (its units are not these units).
  useEffect(() => {
    setResult(undefined);
    setUnit(0);
    regexCache.current = undefined;
  }, [modelKey]);

  // Re-run when the choices change (typed text waits for the button).
  const inputsRef = useRef(inputs);
  inputsRef.current = inputs;
  const { source, layer, channel, probe } = inputs;
  useEffect(() => {
    if (enabled && source !== 'typed' && probe !== 'regex') void run(inputsRef.current);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- run only on these choices
  }, [enabled, source, layer, channel, probe, modelKey]);

  // While training: repeat on the newest weights, spaced so training keeps ≥ 90% of its speed.
  const runRef = useRef(run);
  runRef.current = run;
  useEffect(() => {
    if (!(enabled && training && live)) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const loop = async (gap: number) => {
      timer = setTimeout(async () => {
        if (stopped) return;
        const ms = await runRef.current(inputsRef.current);
        if (ms !== undefined) lastJobMs.current = ms;
        if (!stopped) void loop(liveGapMs(lastJobMs.current));
      }, gap);
    };
    void loop(liveGapMs(lastJobMs.current));
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [enabled, training, live]);

  const hidden = result?.hidden ?? 0;
  const chosenUnit = hidden > 0 ? Math.min(unit, hidden - 1) : 0;
  return { inputs, update, unit: chosenUnit, setUnit, result, error, probeMessage, running, live, setLive, run: () => run(inputs) };
}

export type InspectState = ReturnType<typeof useInspect>;
