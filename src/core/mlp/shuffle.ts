// Seeded epoch shuffling for mini-batch training. A tiny self-contained generator (mulberry32) keeps the
// engine independent of the NumPy-compatible RNG module; all it needs is a reproducible permutation.

export class EpochShuffler {
  private state: number;
  /** The current epoch's order of example indices. */
  readonly order: Uint32Array;

  constructor(n: number, seed: number) {
    this.state = seed >>> 0;
    this.order = new Uint32Array(n);
    for (let i = 0; i < n; i++) this.order[i] = i;
    this.shuffle();
  }

  /** Fisher–Yates shuffle of `order` in place (called at the start of every epoch). */
  shuffle(): void {
    const o = this.order;
    for (let i = o.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = o[i];
      o[i] = o[j];
      o[j] = t;
    }
  }

  /** mulberry32: uniform in [0, 1). */
  private next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  }
}
