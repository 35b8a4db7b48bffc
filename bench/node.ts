// The benchmark's Node part: the from-scratch engines on the core alone (no browser, no TensorFlow.js).
import { measureHeatmap, measureScratchClassify, TUTORIAL_PASSES, tutorialRunSeconds } from '../src/core/bench/classifyBench';
import { measureTextTraining } from '../src/core/bench/textBench';
import { createTaskEngine, tokenizeBenchCorpus, trainSpec } from '../src/core/bench/textTasks';
import { textModel } from '../src/core/bench/tasks';
import { median } from '../src/core/bench/timing';
import { buildSotuCorpus } from '../src/node/sotuCorpus';

export interface NodeFigure {
  id: string;
  label: string;
  value: number;
  unit: string;
  note?: string;
}

export interface NodeResults {
  node: string;
  /** Median of the runs, seconds. */
  tutorialSeconds: number;
  tutorialRuns: number[];
  figures: NodeFigure[];
}

export async function runNodeBench(quick: boolean, log: (line: string) => void): Promise<NodeResults> {
  const budgetMs = quick ? 700 : 2000;
  const runs: number[] = [];
  let loss = NaN;
  for (let i = 0; i < (quick ? 3 : 5); i++) {
    const r = tutorialRunSeconds(3, TUTORIAL_PASSES);
    runs.push(r.seconds);
    loss = r.loss;
  }
  const tutorialSeconds = median(runs);
  log(`  tutorial, ${TUTORIAL_PASSES.toLocaleString('en-US')} passes at hidden 3: ${tutorialSeconds.toFixed(3)} s (median of ${runs.length}; final loss ${loss.toFixed(4)})`);

  const figures: NodeFigure[] = [
    { id: 'tutorial-20000-h3', label: `Classify: the tutorial's ${TUTORIAL_PASSES.toLocaleString('en-US')} passes, hidden 3`, value: tutorialSeconds, unit: 's', note: `median of ${runs.length}` },
  ];
  for (const hidden of [3, 50]) {
    const r = await measureScratchClassify(hidden, { budgetMs });
    figures.push({ id: `classify-h${hidden}`, label: `Classify, hidden ${hidden}: full-batch passes (from scratch)`, value: r.perSecond, unit: 'passes/s' });
    log(`  classify hidden ${hidden}: ${Math.round(r.perSecond).toLocaleString('en-US')} passes/s`);
  }
  for (const hidden of [3, 50]) {
    const r = await measureHeatmap(hidden, 100, { budgetMs: budgetMs / 2 });
    figures.push({ id: `heatmap-h${hidden}`, label: `Classify heatmap 100×100, hidden ${hidden}`, value: r.msPerFrame, unit: 'ms/frame' });
  }
  const corpus = tokenizeBenchCorpus(buildSotuCorpus());
  for (const hidden of quick ? [128] : [128, 256]) {
    const engine = await createTaskEngine('scratch', textModel('rnn', hidden), trainSpec(64, 32), corpus);
    try {
      const r = await measureTextTraining(engine, 64 * 32, { budgetMs });
      figures.push({ id: `train-rnn-${hidden}`, label: `Text training, RNN ${hidden} (one-hot), window 64, batch 32 (from scratch)`, value: r.charsPerSecond, unit: 'chars/s' });
      log(`  from-scratch RNN ${hidden}: ${Math.round(r.charsPerSecond).toLocaleString('en-US')} chars/s`);
    } finally {
      engine.dispose();
    }
  }
  return { node: process.version, tutorialSeconds, tutorialRuns: runs, figures };
}
