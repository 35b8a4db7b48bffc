// The Text lab's training session as a React hook: the session state (a reducer fed by worker events, see
// sessionState.ts) and the commands of a TextSessionController, which owns the worker. The controller is made
// once per mounted lab, so every command keeps its identity across renders; the worker stops on unmount.
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { TextSessionController } from './sessionController';
import { INITIAL_SESSION, sessionReducer } from './sessionState';
import type { TextSessionControls, TextSessionOptions } from './textSessionApi';

export function useTextSession(options: TextSessionOptions = {}): TextSessionControls {
  const [state, dispatch] = useReducer(sessionReducer, INITIAL_SESSION);
  // The newest options (callbacks made during this render), read by the controller when it needs them.
  const optionsRef = useRef(options);
  useEffect(() => {
    optionsRef.current = options;
  });
  const [controller] = useState(() => new TextSessionController(dispatch, () => optionsRef.current));

  useEffect(() => controller.terminate, [controller]);

  return useMemo(() => {
    const c = controller;
    return {
      state,
      start: c.start,
      setCorpus: c.setCorpus,
      build: c.build,
      settleAuto: c.settleAuto,
      train: c.train,
      pause: c.pause,
      stop: c.stop,
      reset: c.reset,
      setLearningRate: c.setLearningRate,
      setSampleTemperature: c.setSampleTemperature,
      generate: c.generate,
      score: c.score,
      exportModel: c.exportModel,
      importModel: c.importModel,
      lastBundle: c.lastBundle,
      debug: c.debug,
      dismissAlert: c.dismissAlert,
      inspect: c.inspect,
      timeGradients: c.timeGradients,
      race: c.race,
    };
  }, [state, controller]);
}
