import type { ModelInputReport } from './model-runtime';

/**
 * Counts the descriptor frames a model is asked to render outside its training range (the
 * manifest's `train_min`/`train_max` per descriptor), for `LoadedModel.inputReport()`: a model
 * whose graph clamps such values (or that plays them badly) says so, and the host can show it.
 * `stateResets` is the runtime's own count, handed in by `report`.
 */
export class InputRangeMonitor {
  private frames = 0;
  private last = false;
  private readonly byName = new Map<string, number>();

  constructor(private readonly ranges: ReadonlyArray<{ readonly name: string; readonly train_min: number; readonly train_max: number }>) {}

  /** Counts frames [from, to) of `frames` (rows of the model's width, in the ranges' order); returns whether any was outside. */
  observe(frames: ReadonlyArray<ReadonlyArray<number>>, from = 0, to = frames.length): boolean {
    let any = false;
    for (let t = from; t < to; t++) {
      const row = frames[t]!;
      let out = false;
      this.ranges.forEach((r, k) => {
        const v = row[k]!;
        if (v < r.train_min || v > r.train_max) {
          out = true;
          this.byName.set(r.name, (this.byName.get(r.name) ?? 0) + 1);
        }
      });
      if (out) {
        this.frames++;
        any = true;
      }
    }
    this.last = any;
    return any;
  }

  report(stateResets = 0): ModelInputReport {
    return { framesOutOfRange: this.frames, outOfRangeByDescriptor: Object.fromEntries(this.byName), lastRenderOutOfRange: this.last, stateResets };
  }
}
