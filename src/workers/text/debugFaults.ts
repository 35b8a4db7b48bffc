// Fault injection for tests (the `debug` request): the session creates a FaultInjector when the first debug
// request arrives, so a production session never carries it. Actions:
//   'throw'       raises inside the handler (→ error 'internal');
//   'crash'       answered by text.worker.ts itself (it must crash the worker); here, in Node, a failure;
//   'lose-device' behaves as a lost GPU device (→ error 'device-lost', phase 'lost');
//   'destroy-device' destroys the WebGPU device under TensorFlow.js (simulatedDeviceLoss.ts): a real loss,
//                 reported by the device's own `lost` promise, whatever the fused kernels were doing;
//   'diverge'     makes the next loss read NaN (→ error 'diverged', rollback). The TensorFlow.js engine
//                 poisons the step itself (NaN gradients, so its own rollback runs); for other engines the
//                 injector wraps the training loop's bursts and turns the next loss read into NaN;
//   'auto-timings' makes Auto (autoJob.ts) take the request's figures and candidates instead of timing, or
//                 time software adapters too.
import { TfjsTextEngine } from '../../core/text/tfjs/engine';
import type { DebugRequest } from '../textProtocol';
import type { AutoJob } from './autoJob';
import type { SessionContext } from './context';
import { destroyGpuDevice } from '../simulatedDeviceLoss';
import { SessionError } from './sessionUtil';
import type { TrainingLoop } from './trainingLoop';

export class FaultInjector {
  private poisonNextLoss = false;

  constructor(
    private readonly ctx: SessionContext,
    loop: TrainingLoop,
    private readonly loseDevice: (message: string) => Promise<void>,
    private readonly auto: AutoJob,
  ) {
    loop.wrapBursts((inner) => async (engine, steps) => {
      const burst = await inner(engine, steps);
      if (!this.poisonNextLoss || burst.loss === undefined) return burst;
      this.poisonNextLoss = false;
      return { ...burst, loss: NaN };
    });
  }

  async handle(r: DebugRequest): Promise<void> {
    const ctx = this.ctx;
    const { id, action } = r;
    switch (action) {
      case 'throw':
        throw new Error('debug: deliberate failure inside the worker');
      case 'crash':
        throw new Error('debug: crash requested outside a worker');
      case 'lose-device':
        ctx.reply(id);
        await this.loseDevice('simulated by a debug request');
        return;
      case 'destroy-device':
        if (!destroyGpuDevice()) throw new SessionError('bad-request', 'destroy-device needs the WebGPU backend');
        ctx.reply(id);
        return;
      case 'diverge':
        ctx.requireModel();
        if (ctx.engine instanceof TfjsTextEngine) ctx.engine.poisonNextStep();
        else this.poisonNextLoss = true;
        ctx.reply(id);
        return;
      case 'auto-timings':
        if (!r.auto || (r.auto.timings !== undefined && (typeof r.auto.timings !== 'object' || r.auto.timings === null))) {
          throw new SessionError('bad-request', 'auto-timings needs { timings } or { includeSoftware }');
        }
        this.auto.injectTimings(r.auto);
        ctx.reply(id);
        return;
      default:
        throw new SessionError('bad-request', `unknown debug action ${String(action)}`);
    }
  }
}
