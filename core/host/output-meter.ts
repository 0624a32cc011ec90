import type { HostView } from '../ui/host-view';

/** The meter's floor: -120 dB, what `toDb` shows for anything quieter. */
const SILENT = 1e-6;

function toDb(x: number): number {
  return x > 1e-6 ? 20 * Math.log10(x) : -120;
}

/** The output meter: level (RMS), a decaying peak and clipping, read from every block the audio path plays. */
export class OutputMeter {
  peak = 0;
  level = 0;
  clipping = false;

  /** Reads one block (a listener of the audio path's blocks). */
  onBlock(block: Float32Array): void {
    let peak = 0;
    let sum = 0;
    for (let i = 0; i < block.length; i++) {
      const v = Math.abs(block[i]!);
      if (v > peak) peak = v;
      sum += v * v;
    }
    // Below the meter's floor (-120 dB) the decay stops, or it would change every block for a minute.
    const decayed = this.peak * 0.95;
    this.peak = Math.max(peak, decayed > SILENT ? decayed : 0);
    const level = Math.sqrt(sum / Math.max(1, block.length));
    this.level = level > SILENT ? level : 0;
    this.clipping = peak >= 0.999;
  }

  view(): HostView['output'] {
    return { levelDb: toDb(this.level), peakDb: toDb(this.peak), clipping: this.clipping };
  }
}
