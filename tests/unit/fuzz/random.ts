// A small seeded generator for the hostile-input suite. Every case is a pure function of a seed, so a failure
// reproduces exactly: rerun the same test and the same inputs come back.
//
// The stream is SplitMix32 (Sebastiano Vigna's SplitMix finaliser on a 32-bit Weyl sequence): tiny, fast and
// good enough to scatter inputs. Not the app's MT19937, on purpose: fuzz inputs must not shift when the app's
// generator changes.

export class FuzzRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform 32-bit unsigned integer. */
  uint32(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  }

  /** Uniform double in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [lo, hi] (both inclusive). */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.uint32() & 0xff;
    return out;
  }

  /** A string of `length` pieces drawn from `alphabet` (pieces may be several characters long). */
  string(length: number, alphabet: readonly string[]): string {
    let s = '';
    for (let i = 0; i < length; i++) s += this.pick(alphabet);
    return s;
  }

  /**
   * An independent stream named by `label`: adding draws to one family of cases never shifts another's.
   * (FNV-1a of the label, mixed with this stream's seed state.)
   */
  fork(label: string): FuzzRandom {
    let h = 0x811c9dc5;
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
    return new FuzzRandom((h ^ this.state) >>> 0);
  }
}
