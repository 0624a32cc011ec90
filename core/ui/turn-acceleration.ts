/**
 * Encoder acceleration: turning fast steps more. The speed is detents per second over the gap
 * since the previous turn event; slow turns (under 8 detents/s) step exactly one per detent, so
 * fine adjustment is always possible.
 */
export class TurnAcceleration {
  private lastMs: number | undefined;

  constructor(private readonly steps: ReadonlyArray<readonly [number, number]> = [[40, 8], [20, 4], [8, 2]]) {}

  /** The scaled delta for `delta` detents turned at `timeMs`. */
  apply(delta: number, timeMs: number): number {
    const gap = this.lastMs === undefined ? Infinity : Math.max(1, timeMs - this.lastMs);
    this.lastMs = timeMs;
    const rate = (Math.abs(delta) * 1000) / gap;
    const factor = this.steps.find(([minRate]) => rate >= minRate)?.[1] ?? 1;
    return delta * factor;
  }

  reset(): void {
    this.lastMs = undefined;
  }
}
