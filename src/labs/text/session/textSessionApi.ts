// What the Text lab's page can ask of its training session (useTextSession): the session state for rendering,
// and one method per thing the page does with the worker. Named TextSessionControls so it is not confused with
// the worker's own TextSession class (src/workers), which answers these requests inside the worker.
import type { TextModelSpec, TextTrainSpec } from '../../../core/text/engine';
import type {
  AutoTimings,
  CorpusEvent,
  DebugRequest,
  DoneReason,
  EngineChoice,
  InspectedEvent,
  InspectRequest,
  LineScore,
  RaceProgressEvent,
  RaceRequest,
  RaceResultEvent,
  TextModelBundle,
  TimeGradientsEvent,
  TimeGradientsRequest,
  VocabOptions,
} from '../../../workers/textProtocol';
import type { LabSettings } from '../settings/labSettings';
import type { AutoChoiceStore } from './autoChoiceStore';
import type { SessionState } from './sessionState';

export interface CorpusInput {
  text: string;
  vocab: VocabOptions;
  validFraction: number;
  /** The window and batch the corpus must serve: the worker refuses a corpus that cannot train them. */
  fit?: { seqLength: number; batchSize: number };
}

/** Fault injection: the protocol's actions, plus 'crash' (handled by text.worker.ts itself: an uncaught
 *  error in the worker, so the page sees `onerror` as it would for a real crash). */
export type DebugAction = DebugRequest['action'] | 'crash';

export interface TextSessionOptions {
  /** Called with every exported bundle (the periodic checkpoint while training, the one when a run ends, and
   *  exports the page asks for); `training` says whether training was still running. */
  onCheckpoint?(bundle: TextModelBundle, training: boolean): void;
  /** How often to checkpoint while training (default 30 s). */
  checkpointEveryMs?: number;
  /** Where Auto's choices are kept (default IndexedDB, autoChoiceStore.ts). */
  autoChoices?: AutoChoiceStore;
  /** Debug (#/text?debug&autotimings=…): Auto takes these figures instead of timing (sent after each start). */
  autoTimings?: AutoTimings;
  /** WASM threads asked of the worker (InitRequest.wasmThreads; absent: the worker's default). */
  wasmThreads?: number;
}

export interface GenerateHandle {
  cancel(): void;
  done: Promise<DoneReason>;
}

/** The session's methods: stable across renders (safe in effect and callback dependencies). */
export interface TextSessionCommands {
  start(engine: EngineChoice, bundle?: TextModelBundle): Promise<void>;
  setCorpus(input: CorpusInput): Promise<CorpusEvent>;
  build(settings: LabSettings): Promise<void>;
  /** On Auto: measures the backends for this model shape (or reuses the kept choice; `again` measures anew)
   *  and moves to the fastest; a no-op on an explicit backend. False when cancelled. */
  settleAuto(model: TextModelSpec, train: TextTrainSpec, again?: boolean): Promise<boolean>;
  /** Starts or resumes training; resolves when the run ends (with why). */
  train(): Promise<DoneReason>;
  pause(): Promise<void>;
  stop(): Promise<void>;
  reset(): Promise<void>;
  setLearningRate(lr: number): Promise<void>;
  setSampleTemperature(t: number): Promise<void>;
  generate(prime: string, length: number, temperature: number, onText: (text: string) => void): GenerateHandle;
  score(lines: string[]): { cancel(): void; result: Promise<LineScore[] | undefined> };
  exportModel(): Promise<TextModelBundle>;
  importModel(bundle: TextModelBundle): Promise<void>;
  /** The newest weights the page holds (from the last export), for recovery after a crash. */
  lastBundle(): TextModelBundle | undefined;
  debug(action: DebugAction): Promise<void>;
  dismissAlert(): void;
  /** Inside the network (src/labs/text/inside/): units over text with an optional probe ranking. */
  inspect(body: Omit<InspectRequest, 'type' | 'id'>): Promise<InspectedEvent>;
  timeGradients(body: Omit<TimeGradientsRequest, 'type' | 'id'>): Promise<TimeGradientsEvent>;
  /** The cell race; `result` is undefined when cancelled. */
  race(body: Omit<RaceRequest, 'type' | 'id'>, onProgress: (e: RaceProgressEvent) => void): { cancel(): void; result: Promise<RaceResultEvent | undefined> };
}

/** The session as the page sees it: its state (a new object on every change) and its commands. */
export interface TextSessionControls extends TextSessionCommands {
  state: SessionState;
}
