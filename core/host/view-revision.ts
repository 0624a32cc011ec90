import type { Clock } from '../scheduler/clock';
import type { EngineControl } from './control/engine-control';
import type { OutputMeter } from './output-meter';

/**
 * Polls what the view shows that changes on its own (CV volts, curves, playhead, meters, and the
 * stats once a second) and says whether any of it moved since the last poll. Allocation-free, for
 * the screen to ask every frame.
 */
export class ViewRevision {
  private readonly seenVolts: Float64Array;
  private seenFrames: unknown = undefined;
  private seenPlayhead = Number.NaN;
  private seenLevel = 0;
  private seenPeak = 0;
  private seenClipping = false;
  private seenSecond = -1;

  constructor(
    private readonly engine: EngineControl,
    private readonly meter: OutputMeter,
    private readonly clock: Clock,
    jacks: number,
  ) {
    this.seenVolts = new Float64Array(jacks).fill(Number.NaN);
  }

  /** Whether anything polled changed since the last call. */
  changed(): boolean {
    let changed = false;
    const jacks = this.engine.inputs.latest().jacks;
    for (let i = 0; i < jacks.length && i < this.seenVolts.length; i++) {
      const volts = jacks[i]!.volts;
      if (volts !== this.seenVolts[i]) {
        this.seenVolts[i] = volts;
        changed = true;
      }
    }
    const frames = this.engine.frames;
    const playhead = this.engine.playhead;
    if (frames !== this.seenFrames || playhead !== this.seenPlayhead) {
      this.seenFrames = frames;
      this.seenPlayhead = playhead;
      changed = true;
    }
    const { level, peak, clipping } = this.meter;
    if (level !== this.seenLevel || peak !== this.seenPeak || clipping !== this.seenClipping) {
      this.seenLevel = level;
      this.seenPeak = peak;
      this.seenClipping = clipping;
      changed = true;
    }
    const second = Math.floor(this.clock.now() / 1000);
    if (second !== this.seenSecond) {
      this.seenSecond = second;
      changed = true;
    }
    return changed;
  }
}
