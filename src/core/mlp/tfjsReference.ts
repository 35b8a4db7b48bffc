// The reference replay of reference.ts on the TensorFlow.js engine (float32 on the current backend).
import { recordingOrder, referenceSettings, type LossCallback, type MlpReference, type ReferenceRun } from './reference';
import { TfjsMlp } from './tfjsMlp';

export async function reproduceReferenceTfjs(ref: MlpReference, onLoss?: LossCallback): Promise<ReferenceRun> {
  const net = new TfjsMlp({ X: ref.X, y: ref.y }, ref.init, 'tanh', referenceSettings(ref));
  try {
    const lossAt = new Map<number, number>();
    for (const it of recordingOrder(ref)) {
      await net.step(it + 1 - net.iteration);
      const loss = await net.loss();
      lossAt.set(it, loss);
      onLoss?.(it, loss);
    }
    await net.step(ref.passes - net.iteration);
    return {
      losses: ref.iterations.map((it) => [it, lossAt.get(it) as number]),
      final: await net.getParams(),
      finalLoss: await net.loss(),
      trainAccuracy: await net.accuracy(),
    };
  } finally {
    net.dispose();
  }
}
