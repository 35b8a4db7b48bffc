// Small pieces of the Text worker's session: expected errors, an async mutex, a foreground gate and a
// throughput meter.
import type { TextErrorCode } from '../textProtocol';

/** An error the session reports with a specific code (anything else is 'internal'). */
export class SessionError extends Error {
  readonly code: TextErrorCode;
  constructor(code: TextErrorCode, message: string) {
    super(message);
    this.name = 'SessionError';
    this.code = code;
  }
}

/** Serialises async sections that touch the engine (a training burst, a weight snapshot, an export). */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * Counts foreground jobs (generate, score, export…). The training loop waits for zero before each burst, so
 * a user's request runs promptly instead of interleaving with bursts that may take a second each.
 */
export class ForegroundGate {
  private count = 0;
  private waiters: (() => void)[] = [];
  async run<T>(fn: () => Promise<T>): Promise<T> {
    this.count++;
    try {
      return await fn();
    } finally {
      if (--this.count === 0) this.waiters.splice(0).forEach((w) => w());
    }
  }
  idle(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}

/** Characters per second over roughly the last `windowMs` of training time. */
export class ThroughputMeter {
  private samples: { ms: number; chars: number }[] = [];
  constructor(private readonly windowMs = 3000) {}
  add(ms: number, chars: number): void {
    this.samples.push({ ms, chars });
    let total = 0;
    for (let i = this.samples.length - 1; i >= 0; i--) {
      total += this.samples[i].ms;
      if (total > this.windowMs) {
        this.samples.splice(0, i);
        break;
      }
    }
  }
  perSecond(): number {
    let ms = 0;
    let chars = 0;
    for (const s of this.samples) {
      ms += s.ms;
      chars += s.chars;
    }
    return ms > 0 ? (chars * 1000) / ms : 0;
  }
  reset(): void {
    this.samples = [];
  }
}
