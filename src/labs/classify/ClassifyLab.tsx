// The Classify lab: the tutorial's network learning a decision boundary, live, on preset or drawn data.
// This file composes the lab; its jobs live in hooks: the restored state (useRestoredLab), the data and
// drawing (usePointsEditor), the worker's run (useTrainer, useMainRun), the resume offer (useResumeOffer),
// checkpoints (useCheckpoints) and autosave (useLabPersistence).
import { useEffect, useMemo, useState } from 'react';
import { useEmbed } from '../../ui/EmbedContext';
import { findPreset, trainTestSplit, validateDataset, type Point } from '../../core/datasets';
import { checkpointKey } from './checkpoint';
import { DataControls } from './DataControls';
import { classCount } from './derive';
import { Gallery } from './Gallery';
import { HowItWorks } from './HowItWorks';
import { LabNotices } from './LabNotices';
import { needsNewNetwork, type LabState, type NetSettings } from './labState';
import { MetricsCharts } from './MetricsCharts';
import { NetworkDiagram } from './NetworkDiagram';
import { PlaneView } from './PlaneView';
import { TrainControls } from './TrainControls';
import { useCheckpoints } from './useCheckpoints';
import { useLabPersistence } from './useLabPersistence';
import { MAIN_RUN, useMainRun } from './useMainRun';
import { usePointsEditor } from './usePointsEditor';
import { useRestoredLab, type RestoredLab } from './useRestoredLab';
import { initialOffer, useResumeOffer } from './useResumeOffer';
import { useTrainer } from './useTrainer';
import './classify.css';

const noop = () => undefined;

/** Waits for the saved state, then shows the lab built from it. */
export function ClassifyLab({ active = true }: { active?: boolean }) {
  const restored = useRestoredLab();
  if (!restored) {
    return (
      <div className="classify-lab" aria-busy="true" data-testid="classify-restoring">
        <p className="muted">Restoring your last setup…</p>
      </div>
    );
  }
  return <ClassifyLabView active={active} {...restored} />;
}

function ClassifyLabView({ active, store, initial, checkpoint }: { active: boolean } & RestoredLab) {
  const editor = usePointsEditor(initial.state);
  const { dataSpec, points } = editor;
  const [net, setNet] = useState<NetSettings>(initial.state.net);
  const [notice, setNotice] = useState<string | null>(initial.notice);
  const [hoveredUnit, setHoveredUnit] = useState<number | null>(null);
  const trainer = useTrainer();
  // Embedded (`#/classify?embed`): no gallery or derivation, and the control groups the link hides are gone.
  const { embed, shows } = useEmbed();
  const canDraw = shows('data');

  // ---- Derived data: classes, split, validity, and which network on which data (memoised: it fingerprints
  // every point, and the lab re-renders several times a second while training).
  const classes = classCount(dataSpec, points);
  const split = useMemo(() => trainTestSplit(points, dataSpec.testFraction, dataSpec.seed), [points, dataSpec.testFraction, dataSpec.seed]);
  const testSet = useMemo(() => new Set<Point>(split.test), [split]);
  const dataProblem = validateDataset(points);
  const canTrain = dataProblem === null;
  const currentKey = useMemo(() => checkpointKey(net, classes, dataSpec, points), [net, classes, dataSpec, points]);
  const labState = useMemo<LabState>(() => ({ data: dataSpec, net, points: dataSpec.preset === 'drawn' ? points : null }), [dataSpec, net, points]);

  // ---- Training: wanted by the user, unless a resume offer waits for an answer.
  const [wantRunning, setWantRunning] = useState(() => initialOffer(checkpoint, currentKey) === null);
  const training = wantRunning && canTrain && active;
  const run = useMainRun(trainer, { split, net, classes, training });
  const resume = useResumeOffer(trainer, run, store, { checkpoint, currentKey, onAnswered: () => setWantRunning(true) });
  useCheckpoints(trainer, store, { currentKey, training, holding: resume.offer !== null });
  useLabPersistence(store, labState, setNotice);

  // A divergence pauses the worker; reflect it in the play button.
  useEffect(() => {
    if (trainer.alert?.kind === 'diverged') setWantRunning(false);
  }, [trainer.alert]);

  const status = trainer.status.get(MAIN_RUN);
  const changeNet = (next: NetSettings) => {
    if (needsNewNetwork(net, next)) setWantRunning(true);
    setNet(next);
  };
  const replacePoints = (pts: Point[], message: string, refit: boolean) => {
    editor.replacePoints(pts, refit);
    setNotice(message);
  };

  return (
    <div className="classify-lab">
      <section className="lab-intro">
        <h1>Classify: a 3-layer network learns a decision boundary</h1>
        <p hidden={embed}>
          The network of <em>Implementing a Neural Network from Scratch</em>: 2 inputs → {net.hidden} {net.activation} hidden
          unit{net.hidden === 1 ? '' : 's'} → softmax over {classes} classes, trained by gradient descent on cross-entropy plus L2.
          Pick a dataset or draw your own: choose a class, then click, tap or drag on the plane.
        </p>
      </section>
      <LabNotices
        notice={notice}
        onDismissNotice={() => setNotice(null)}
        offer={resume.offer}
        onResume={resume.resume}
        onStartOver={resume.startOver}
        alert={trainer.alert}
        onDismissAlert={trainer.dismissAlert}
        onResetFromAlert={() => {
          trainer.dismissAlert();
          run.reset();
          setWantRunning(false);
        }}
      />
      <div className="classify-grid">
        <div className="plane-column">
          <PlaneView
            points={points}
            testPoints={testSet}
            extent={editor.extent}
            activation={net.activation}
            snapshots={trainer.snapshots}
            run={MAIN_RUN}
            hoveredUnit={hoveredUnit}
            tool={editor.tool}
            onStrokeStart={canDraw ? editor.onStrokeStart : noop}
            onAdd={canDraw ? editor.onAdd : noop}
            onErase={canDraw ? editor.onErase : noop}
            testId="classify-plane"
          />
          {dataProblem && <p className="warning" data-testid="classify-data-problem">{dataProblem} Training waits until it is fixed.</p>}
          {canDraw && <DataControls
            spec={dataSpec}
            preset={findPreset(dataSpec.preset)}
            pointCount={points.length}
            tool={editor.tool}
            onTool={editor.setTool}
            canUndo={editor.canUndo}
            canRedo={editor.canRedo}
            onUndo={editor.undo}
            onRedo={editor.redo}
            onClear={() => replacePoints([], 'Cleared. Draw points of at least two classes (undo brings them back).', false)}
            onPreset={editor.applyPreset}
            onSplit={editor.setTestFraction}
            points={points}
            onImport={(pts, warnings) => replacePoints(pts, `Imported ${pts.length} points.${warnings.length ? ' ' + warnings.join(' ') : ''}`, true)}
            onError={setNotice}
          />}
        </div>
        <div className="side-column">
          <TrainControls
            net={net}
            onChange={changeNet}
            running={wantRunning && canTrain}
            canTrain={canTrain}
            onPlay={() => setWantRunning(true)}
            onPause={() => setWantRunning(false)}
            onStep={() => {
              setWantRunning(false);
              trainer.requests.step(MAIN_RUN, 1);
            }}
            onReset={run.reset}
            status={status}
            state={labState}
          />
          <NetworkDiagram hidden={net.hidden} classes={classes} activation={net.activation} hovered={hoveredUnit} onHover={setHoveredUnit} />
          <MetricsCharts history={status?.history ?? []} hasTest={split.test.length > 0} />
        </div>
      </div>
      {!embed && <Gallery train={split.train} net={net} classes={classes} extent={editor.extent} points={points} testPoints={testSet} />}
      {!embed && <HowItWorks hidden={net.hidden} classes={classes} n={split.train.length} activation={net.activation} net={net} />}
    </div>
  );
}
