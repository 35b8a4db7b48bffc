// Predicting how long one unit of a training task will take on an engine, from what has been measured so
// far, so a run can skip work that would overrun its time budget (software WebGPU takes seconds per step).
//
// Cost of one unit in multiply-adds, up to a constant (forward + backward ≈ 3× forward):
//   text step:     B·T · (g·H·(H + I) + H·V)      g = gates (rnn 1, gru 3, lstm 4), I = input width
//   baseline fit:  N·W · g·H·(H + V) + N·H·V      N = 128 examples of W = 40 one-hot characters
// Engines differ in speed, and families in efficiency (the baseline's Keras LSTM is not our training loop),
// so predictions use ms-per-cost measured on the same engine — the same family if possible, else another
// family scaled by the ratio between the two families seen on some other engine.
import { BASELINE_BATCH, BASELINE_WINDOW } from './baselineLstm';
import { GATES_PER_CELL } from './textTasks';
import type { SpeedEngine, SpeedTask } from './tasks';

export type CostFamily = 'text-train' | 'baseline-train';

export interface UnitCost {
  family: CostFamily;
  cost: number;
}

/** The cost of one measured unit of `task`, or null for tasks cheap enough never to need a prediction. */
export function unitCost(task: SpeedTask, vocabSize: number): UnitCost | null {
  const V = vocabSize;
  switch (task.kind) {
    case 'text-train': {
      const { cell, hidden: H, input, embedding } = task.model;
      const I = input === 'embedding' ? embedding : V;
      return { family: 'text-train', cost: task.batchSize * task.seqLength * (GATES_PER_CELL[cell] * H * (H + I) + H * V) };
    }
    case 'baseline-train': {
      const H = task.hidden;
      return { family: 'baseline-train', cost: BASELINE_BATCH * (BASELINE_WINDOW * 4 * H * (H + V) + H * V) };
    }
    default:
      return null;
  }
}

interface Observation {
  /** ms per unit of cost. */
  msPerCost: number;
  /** What the warm-up unit took beyond an ordinary unit (shader compilation, JIT, first allocations), ms. */
  warmupExtraMs: number;
}

export interface Prediction {
  unitMs: number;
  warmupExtraMs: number;
  /** The least a measurement costs: the warm-up unit plus one timed unit. */
  minimumMs: number;
}

export class CostModel {
  /** engine → family → the latest observation. */
  private readonly seen = new Map<SpeedEngine, Map<CostFamily, Observation>>();

  /** Records a measurement: ms per timed unit and the warm-up unit's time. */
  observe(engine: SpeedEngine, unit: UnitCost, msPerUnit: number, warmupMs = msPerUnit): void {
    if (!(msPerUnit > 0 && Number.isFinite(msPerUnit)) || !(unit.cost > 0)) return;
    let families = this.seen.get(engine);
    if (!families) this.seen.set(engine, (families = new Map()));
    families.set(unit.family, { msPerCost: msPerUnit / unit.cost, warmupExtraMs: Math.max(0, warmupMs - msPerUnit) });
  }

  /** Predicted time of one unit (and of the warm-up's extra) on `engine`, or null when nothing says. */
  predict(engine: SpeedEngine, unit: UnitCost): Prediction | null {
    const own = this.seen.get(engine);
    if (!own) return null;
    const make = (o: Observation): Prediction => {
      const unitMs = o.msPerCost * unit.cost;
      return { unitMs, warmupExtraMs: o.warmupExtraMs, minimumMs: o.warmupExtraMs + 2 * unitMs };
    };
    const direct = own.get(unit.family);
    if (direct) return make(direct);
    // Bridge through a family seen here and on another engine that has also seen the target family:
    // both the per-unit time and the warm-up overhead scale by that engine's ratio between the families.
    for (const [family, mine] of own) {
      for (const [other, theirs] of this.seen) {
        if (other === engine) continue;
        const target = theirs.get(unit.family);
        const bridge = theirs.get(family);
        if (!target || !bridge) continue;
        const warmRatio = bridge.warmupExtraMs > 0 ? target.warmupExtraMs / bridge.warmupExtraMs : 1;
        return make({ msPerCost: mine.msPerCost * (target.msPerCost / bridge.msPerCost), warmupExtraMs: mine.warmupExtraMs * Math.max(1, warmRatio) });
      }
    }
    return null;
  }

  /** Predicted ms for one unit on `engine`, or null. */
  predictMs(engine: SpeedEngine, unit: UnitCost): number | null {
    return this.predict(engine, unit)?.unitMs ?? null;
  }
}
