import type { BlockInfo } from './block-mixer';

/**
 * Below this a sample counts as silence: -120 dBFS, i.e. only digital silence, so a render that
 * starts softly (a shaped transient) is not mistaken for a late one.
 */
export const SILENCE = 1e-6;

/**
 * Measures, at the hand-over to the audio-out driver, how long sound takes to follow a gate and
 * a CV change. A gate-high is answered by the first non-silent sample of (or after) the block in
 * which a voice or the loop started; a CV change by the first block in which a sounding voice or
 * grain read a render that includes it (a render published but not yet written where the voices
 * are is not heard), or, while nothing sounds, the first block after such a render became the
 * one the next gate plays. A CV change made before the module first sounded is not counted: no
 * sound could follow it, and the first gate's wait is gate_to_sound's to report. Times in clock ms.
 */
export class LatencyProbe {
  readonly gateToSoundMs: number[] = [];
  readonly cvToAudibleMs: number[] = [];
  /** When each change of cvToAudibleMs was made (clock ms), in the same order. */
  readonly cvToAudibleFrom: number[] = [];
  /** Voices that started on an older render than their gate asked for (they waited their longest for the CVs at the gate). */
  staleGates = 0;
  /** CV changes made before anything sounded: set-up, not latency. */
  cvBeforeSound = 0;
  private sounded = false;
  private gates: number[] = [];
  private armed = false;
  private cvs: Array<{ t: number; version: number }> = [];

  constructor(private readonly sampleRate: number) {}

  /** A gate-high at the emulated input at time `t`. */
  gateHigh(t: number): void {
    if (this.gates.length < 4096) this.gates.push(t);
  }

  /** A CV change at time `t`, audible once a render of `version` (or newer) is mixed. */
  cvChange(t: number, version: number): void {
    if (!this.sounded) {
      this.cvBeforeSound++;
      return;
    }
    if (this.cvs.length < 4096) this.cvs.push({ t, version });
  }

  /** Every block as handed to the device at time `now`. */
  onBlock(block: Float32Array, info: Readonly<BlockInfo>, now: number): void {
    this.staleGates += info.staleStarts;
    if (info.versionHeard > 0) this.sounded = true;
    if (this.cvs.length) {
      const keep: Array<{ t: number; version: number }> = [];
      for (const c of this.cvs) {
        const heard = info.versionHeard > 0 ? info.versionHeard >= c.version : info.currentVersion >= c.version;
        if (heard && now >= c.t) {
          this.cvToAudibleMs.push(now - c.t);
          this.cvToAudibleFrom.push(c.t);
        } else keep.push(c);
      }
      this.cvs = keep;
    }
    if (info.started > 0 || info.loopStarted > 0) this.armed = this.gates.length > 0;
    if (!this.armed) return;
    for (let i = 0; i < block.length; i++) {
      const s = block[i]!;
      if (s > SILENCE || s < -SILENCE) {
        const at = now + (i * 1000) / this.sampleRate;
        const still: number[] = [];
        for (const g of this.gates) (g <= at ? this.gateToSoundMs : still).push(g <= at ? at - g : g);
        this.gates = still;
        this.armed = false;
        return;
      }
    }
  }
}
