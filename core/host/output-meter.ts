import type { HostView } from '../ui/host-view';
import type { OutputLevels } from '../engine/output-levels';

function toDb(x: number): number {
  return x > 1e-6 ? 20 * Math.log10(x) : -120;
}

/**
 * The output meter: level (RMS), a decaying peak and clipping, read from the levels the audio
 * path keeps where it fills the blocks (so the meter costs nothing between draws).
 */
export class OutputMeter {
  constructor(private readonly levels: OutputLevels) {}

  get level(): number {
    return this.levels.level;
  }

  get peak(): number {
    return this.levels.peak;
  }

  get clipping(): boolean {
    return this.levels.clipping;
  }

  view(): HostView['output'] {
    return { levelDb: toDb(this.level), peakDb: toDb(this.peak), clipping: this.clipping };
  }
}
