// The Classify lab: the tutorial's network learning a decision boundary, live, on preset or drawn data.
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { findPreset, trainTestSplit, validateDataset, type Point } from '../../core/datasets';
import { DataControls } from './DataControls';
import { Gallery } from './Gallery';
import { HowItWorks } from './HowItWorks';
import { MetricsCharts } from './MetricsCharts';
import { NetworkDiagram } from './NetworkDiagram';
import { PlaneView, type Tool } from './PlaneView';
import { TrainControls } from './TrainControls';
import { needsNewNetwork, type DataSpec, type LabState, type NetSettings } from './labState';
import { initialLabState } from './initialState';
import { openClassifyStore, type ClassifyStore } from './persistence';
import type { HistoryRow, RunSetup } from '../../workers/classifyProtocol';
import { checkpointKey, MAX_CHECKPOINT_HISTORY, type ClassifyCheckpoint } from './checkpoint';
import { CHECKPOINT_EVERY_MS } from '../../core/checkpoints';
import { paramsAreFinite } from '../../core/mlp/params';
import { nearestPoint, pointsReducer } from './pointsHistory';
import { generatePoints, squareExtent, toLabelled, toTrainSettings } from './derive';
import { useTrainer } from './useTrainer';
import './classify.css';

const MAIN = 'main';
const ERASE_RADIUS = 0.25;

interface Boot {
  store: ClassifyStore;
  initial: { state: LabState; notice: string | null };
  /** The last run's checkpoint, offered as "Resume from step N" when it fits the restored setup. */
  checkpoint: ClassifyCheckpoint | null;
}

/**
 * Opens the lab's saved state (IndexedDB, asynchronous) before the lab itself mounts, so the lab starts
 * from the restored setup rather than flashing the tutorial first.
 */
export function ClassifyLab({ active = true }: { active?: boolean }) {
  const [boot, setBoot] = useState<Boot | null>(null);
  useEffect(() => {
    let cancelled = false;
    let opened: ClassifyStore | null = null;
    void (async () => {
      const store = await openClassifyStore();
      opened = store;
      const saved = await store.load();
      if (cancelled) {
        store.close();
        return;
      }
      setBoot({ store, initial: initialLabState(saved), checkpoint: saved.checkpoint ?? null });
    })();
    return () => {
      cancelled = true;
      opened?.close();
    };
  }, []);
  if (!boot) {
    return (
      <div className="classify-lab" aria-busy="true" data-testid="classify-restoring">
        <p className="muted">Restoring your last setup…</p>
      </div>
    );
  }
  return <ClassifyLabView active={active} store={boot.store} initial={boot.initial} checkpoint={boot.checkpoint} />;
}

/** What the worker builds a run from: the lab's network settings and the data's class count. */
const runSetup = (n: NetSettings, classes: number): RunSetup => ({
  engine: n.engine,
  hidden: n.hidden,
  classes,
  activation: n.activation,
  settings: toTrainSettings(n),
  seed: n.initSeed,
});

/** Classes of a data set: at least the spec's, at least one more than the largest label, at least 2. */
const classCount = (spec: DataSpec, points: readonly Point[]) => Math.max(2, spec.classes, points.reduce((m, p) => Math.max(m, p.label), 0) + 1);

function ClassifyLabView({ active, store, initial, checkpoint }: { active: boolean; store: ClassifyStore } & Omit<Boot, 'store'>) {
  const [dataSpec, setDataSpec] = useState<DataSpec>(initial.state.data);
  const [net, setNet] = useState<NetSettings>(initial.state.net);
  const [history, dispatch] = useReducer(pointsReducer, undefined, () => ({
    past: [],
    present: initial.state.points ?? generatePoints(initial.state.data),
    future: [],
  }));
  const points = history.present;
  const [notice, setNotice] = useState<string | null>(initial.notice);
  const [tool, setTool] = useState<Tool>({ kind: 'add', label: 0 });
  // A checkpoint of the same network on the same data: offer to resume it, and wait for the answer.
  const [resumeOffer, setResumeOffer] = useState<ClassifyCheckpoint | null>(() =>
    checkpoint && checkpoint.iteration > 0 && checkpoint.key === checkpointKey(initial.state.net, classCount(initial.state.data, points), initial.state.data, points)
      ? checkpoint
      : null,
  );
  const [wantRunning, setWantRunning] = useState(resumeOffer === null);
  const [hoveredUnit, setHoveredUnit] = useState<number | null>(null);
  const trainer = useTrainer();
  const { send, clearHistory } = trainer;

  // ---- Derived data: classes, split, extent, validity.
  const classes = classCount(dataSpec, points);
  const split = useMemo(() => trainTestSplit(points, dataSpec.testFraction, dataSpec.seed), [points, dataSpec.testFraction, dataSpec.seed]);
  const testSet = useMemo(() => new Set<Point>(split.test), [split]);
  // A fixed square window, re-fitted only when a preset or an import replaces the data (drawing must not
  // move the axes under the pointer).
  const [extent, setExtent] = useState(() => squareExtent(points));
  const dataProblem = validateDataset(points);

  // ---- Talk to the worker.
  const setupKey = `${net.engine}|${net.hidden}|${net.activation}|${net.initSeed}|${classes}`;
  const netRef = useRef(net);
  netRef.current = net;
  const [resetCount, setResetCount] = useState(0);

  useEffect(() => {
    send({ type: 'setData', train: toLabelled(split.train), test: toLabelled(split.test) });
  }, [send, clearHistory, split]);

  useEffect(() => {
    const n = netRef.current;
    clearHistory(MAIN);
    send({
      type: 'setup',
      run: MAIN,
      setup: runSetup(n, classes),
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [send, clearHistory, setupKey, resetCount]);

  useEffect(() => {
    send({ type: 'settings', run: MAIN, settings: toTrainSettings(net) });
  }, [send, clearHistory, net]);

  const canTrain = dataProblem === null;
  useEffect(() => {
    send(wantRunning && canTrain && active ? { type: 'play', run: MAIN, rate: net.rate } : { type: 'pause', run: MAIN });
  }, [send, wantRunning, canTrain, active, setupKey, resetCount, net.rate]);

  // A divergence pauses the worker; reflect it in the play button.
  useEffect(() => {
    if (trainer.alert?.kind === 'diverged') setWantRunning(false);
  }, [trainer.alert]);

  // ---- Persistence (debounced).
  useEffect(() => {
    const state: LabState = { data: dataSpec, net, points: dataSpec.preset === 'drawn' ? points : null };
    const t = window.setTimeout(() => {
      void store.save(state).then((err) => {
        if (err) setNotice(err);
      });
    }, 300);
    return () => window.clearTimeout(t);
  }, [store, dataSpec, net, points]);

  // ---- Checkpoints of the training run: every 30 s while it trains, on every pause, and when the page is
  // hidden (a reload or a closed tab). Not while a resume offer is unanswered: that would overwrite it.
  // (Memoised: it fingerprints every point, and the lab re-renders several times a second while training.)
  const currentKey = useMemo(() => checkpointKey(net, classes, dataSpec, points), [net, classes, dataSpec, points]);
  const checkpointKeyRef = useRef(currentKey);
  checkpointKeyRef.current = currentKey;
  // Once the network or the data changes, the offered checkpoint no longer fits: withdraw the offer.
  useEffect(() => {
    if (resumeOffer && resumeOffer.key !== currentKey) setResumeOffer(null);
  }, [resumeOffer, currentKey]);
  const resumeOfferRef = useRef(resumeOffer);
  resumeOfferRef.current = resumeOffer;
  const historyRef = useRef<HistoryRow[]>([]);
  historyRef.current = trainer.status.get(MAIN)?.history ?? [];
  const snapshotsRef = trainer.snapshots;
  const takeCheckpoint = useCallback(() => {
    const snap = snapshotsRef.current.get(MAIN);
    if (!snap || snap.iteration === 0 || resumeOfferRef.current || !paramsAreFinite(snap.params)) return;
    void store.saveCheckpoint({
      key: checkpointKeyRef.current,
      iteration: snap.iteration,
      params: snap.params,
      history: historyRef.current.slice(-MAX_CHECKPOINT_HISTORY),
    });
  }, [store, snapshotsRef]);
  const training = wantRunning && canTrain && active;
  useEffect(() => {
    if (!training) {
      // Paused: the worker's last snapshot arrives just after the pause request.
      const t = window.setTimeout(takeCheckpoint, 500);
      return () => window.clearTimeout(t);
    }
    const id = window.setInterval(takeCheckpoint, CHECKPOINT_EVERY_MS);
    return () => window.clearInterval(id);
  }, [training, takeCheckpoint]);
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') takeCheckpoint();
    };
    document.addEventListener('visibilitychange', onHide);
    return () => document.removeEventListener('visibilitychange', onHide);
  }, [takeCheckpoint]);

  const resume = () => {
    const offer = resumeOffer;
    if (!offer) return;
    const n = netRef.current;
    clearHistory(MAIN);
    trainer.seedHistory(MAIN, offer.history);
    send({
      type: 'setup',
      run: MAIN,
      setup: runSetup(n, classes),
      params: offer.params,
      iteration: offer.iteration,
    });
    setResumeOffer(null);
    setWantRunning(true);
  };
  const startOver = () => {
    setResumeOffer(null);
    setWantRunning(true);
    void store.clearCheckpoint();
  };

  useEffect(() => {
    store.setOtherTabListener(() =>
      setNotice('Another tab of the playground saved its own setup. The last one to change something wins; reload to see theirs.'),
    );
    return () => store.setOtherTabListener(null);
  }, [store]);

  // ---- Editing. Stroke handlers read the newest points through a ref, so a drag never adds to a stale list.
  const pointsRef = useRef(points);
  pointsRef.current = points;
  const markDrawn = useCallback(() => setDataSpec((d) => (d.preset === 'drawn' ? d : { ...d, preset: 'drawn' })), []);
  const onStrokeStart = useCallback(() => dispatch({ type: 'begin' }), []);
  const onAdd = useCallback(
    (x: number, y: number, label: number) => {
      markDrawn();
      dispatch({ type: 'stroke', points: [...pointsRef.current, { x, y, label }] });
    },
    [markDrawn],
  );
  const onErase = useCallback(
    (x: number, y: number) => {
      const i = nearestPoint(pointsRef.current, x, y, ERASE_RADIUS);
      if (i < 0) return;
      markDrawn();
      dispatch({ type: 'stroke', points: pointsRef.current.filter((_, j) => j !== i) });
    },
    [markDrawn],
  );

  const applyPreset = (spec: DataSpec) => {
    const pts = generatePoints(spec);
    setDataSpec(spec);
    setExtent(squareExtent(pts));
    dispatch({ type: 'replace', points: pts });
  };

  const replacePoints = (pts: Point[], label: string, refit: boolean) => {
    markDrawn();
    if (refit && pts.length > 0) setExtent(squareExtent(pts));
    dispatch({ type: 'replace', points: pts });
    setNotice(label);
  };

  // Keyboard shortcuts: 1–6 pick a class, E the eraser, Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z or Ctrl+Y redo.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        dispatch({ type: e.shiftKey ? 'redo' : 'undo' });
      } else if (mod && e.key.toLowerCase() === 'y') {
        e.preventDefault();
        dispatch({ type: 'redo' });
      } else if (!mod && /^[1-6]$/.test(e.key)) {
        setTool({ kind: 'add', label: Number(e.key) - 1 });
      } else if (!mod && e.key.toLowerCase() === 'e') {
        setTool({ kind: 'erase' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const status = trainer.status.get(MAIN);
  const preset = findPreset(dataSpec.preset);
  const changeNet = (next: NetSettings) => {
    if (needsNewNetwork(net, next)) setWantRunning(true);
    setNet(next);
  };

  return (
    <div className="classify-lab">
      <section className="lab-intro">
        <h1>Classify: a 3-layer network learns a decision boundary</h1>
        <p>
          The network of <em>Implementing a Neural Network from Scratch</em>: 2 inputs → {net.hidden} {net.activation} hidden
          unit{net.hidden === 1 ? '' : 's'} → softmax over {classes} classes, trained by gradient descent on cross-entropy plus L2.
          Pick a dataset or draw your own: choose a class, then click, tap or drag on the plane.
        </p>
      </section>
      {notice && (
        <div className="notice" role="status" data-testid="classify-notice">
          {notice} <button onClick={() => setNotice(null)} aria-label="Dismiss message">×</button>
        </div>
      )}
      {resumeOffer && (
        <div className="notice" role="status" data-testid="classify-resume">
          Training was at step {resumeOffer.iteration.toLocaleString('en-US')} when you left.{' '}
          <button onClick={resume} data-testid="classify-resume-yes">
            Resume from step {resumeOffer.iteration.toLocaleString('en-US')}
          </button>{' '}
          <button onClick={startOver} data-testid="classify-resume-no">
            Start over
          </button>
        </div>
      )}
      {trainer.alert && (
        <div className={`notice ${trainer.alert.kind}`} role="alert" data-testid="classify-alert">
          {trainer.alert.message}{' '}
          <button onClick={() => { trainer.dismissAlert(); setResetCount((c) => c + 1); setWantRunning(false); }}>Reset weights</button>{' '}
          <button onClick={trainer.dismissAlert} aria-label="Dismiss message">×</button>
        </div>
      )}
      <div className="classify-grid">
        <div className="plane-column">
          <PlaneView
            points={points}
            testPoints={testSet}
            extent={extent}
            activation={net.activation}
            snapshots={trainer.snapshots}
            run={MAIN}
            hoveredUnit={hoveredUnit}
            tool={tool}
            onStrokeStart={onStrokeStart}
            onAdd={onAdd}
            onErase={onErase}
            testId="classify-plane"
          />
          {dataProblem && <p className="warning" data-testid="classify-data-problem">{dataProblem} Training waits until it is fixed.</p>}
          <DataControls
            spec={dataSpec}
            preset={preset}
            pointCount={points.length}
            tool={tool}
            onTool={setTool}
            canUndo={history.past.length > 0}
            canRedo={history.future.length > 0}
            onUndo={() => dispatch({ type: 'undo' })}
            onRedo={() => dispatch({ type: 'redo' })}
            onClear={() => replacePoints([], 'Cleared. Draw points of at least two classes (undo brings them back).', false)}
            onPreset={applyPreset}
            onSplit={(testFraction) => setDataSpec({ ...dataSpec, testFraction })}
            points={points}
            onImport={(pts, warnings) => replacePoints(pts, `Imported ${pts.length} points.${warnings.length ? ' ' + warnings.join(' ') : ''}`, true)}
            onError={setNotice}
          />
        </div>
        <div className="side-column">
          <TrainControls
            net={net}
            onChange={changeNet}
            running={wantRunning && canTrain}
            canTrain={canTrain}
            onPlay={() => setWantRunning(true)}
            onPause={() => setWantRunning(false)}
            onStep={() => { setWantRunning(false); send({ type: 'step', run: MAIN, count: 1 }); }}
            onReset={() => setResetCount((c) => c + 1)}
            status={status}
            state={{ data: dataSpec, net, points: dataSpec.preset === 'drawn' ? points : null }}
          />
          <NetworkDiagram hidden={net.hidden} classes={classes} activation={net.activation} hovered={hoveredUnit} onHover={setHoveredUnit} />
          <MetricsCharts history={status?.history ?? []} hasTest={split.test.length > 0} />
        </div>
      </div>
      <Gallery train={split.train} net={net} classes={classes} extent={extent} points={points} testPoints={testSet} />
      <HowItWorks hidden={net.hidden} classes={classes} n={split.train.length} activation={net.activation} net={net} />
    </div>
  );
}
