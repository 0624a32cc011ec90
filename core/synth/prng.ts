/**
 * A small seeded pseudo-random generator (mulberry32): fast, 32-bit state, the same sequence on
 * every platform for the same seed. Not for cryptography.
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Log-uniform in [lo, hi): even odds per octave, for frequencies and times. */
  logUniform(lo: number, hi: number): number {
    return lo * Math.pow(hi / lo, this.next());
  }

  /** Integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Uniform in [-1, 1): white noise. */
  bipolar(): number {
    return 2 * this.next() - 1;
  }
}

/**
 * Mixes a seed and a stream number into a new 32-bit seed (splitmix32 finaliser), so item i of a
 * batch, or the noise of a render, gets its own independent sequence.
 */
export function mixSeed(seed: number, stream: number): number {
  let z = (seed >>> 0) ^ Math.imul(stream >>> 0, 0x9e3779b9);
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}
