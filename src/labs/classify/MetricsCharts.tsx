// Loss and accuracy against iterations. Losses are drawn unsmoothed: in the tutorial's setting the run turns
// chaotic after ~1200 passes and settles into a period-2 oscillation, and the chart should show it.
import { useMemo } from 'react';
import { LineChart, type Series } from '../../ui/LineChart';
import type { HistoryRow } from '../../workers/classifyProtocol';

export function MetricsCharts({ history, hasTest }: { history: HistoryRow[]; hasTest: boolean }) {
  const { loss, accuracy } = useMemo(() => {
    const pick = (f: (r: HistoryRow) => number) => history.map((r) => [r.iteration, f(r)] as const);
    const loss: Series[] = [{ name: 'train loss', color: '#0072b2', points: pick((r) => r.trainLoss) }];
    const accuracy: Series[] = [{ name: 'train accuracy', color: '#0072b2', points: pick((r) => r.trainAccuracy) }];
    if (hasTest) {
      loss.push({ name: 'test loss', color: '#d55e00', points: pick((r) => r.testLoss), dashed: true });
      accuracy.push({ name: 'test accuracy', color: '#d55e00', points: pick((r) => r.testAccuracy), dashed: true });
    }
    return { loss, accuracy };
  }, [history, hasTest]);

  return (
    <div className="panel charts">
      <h2>Learning curves</h2>
      <LineChart series={loss} xLabel="iteration" yLabel="loss" ariaLabel="Loss against iterations" logY testId="loss-chart" />
      <LineChart series={accuracy} xLabel="iteration" yLabel="accuracy" ariaLabel="Accuracy against iterations" yDomain={[0, 1]} testId="accuracy-chart" />
      <p className="muted small">
        Unsmoothed. With the tutorial’s settings (full batch, summed gradient, ε = 0.01) the step is effectively 2 on the
        mean gradient: after ~1200 passes the loss stops falling smoothly and bounces between two values every other pass.
      </p>
    </div>
  );
}
