import { RenderCrossfade } from './render-crossfade';
import { readableEnd, writtenEnd } from './written-span';

/**
 * One sounding impact: reads a render from its start position, with a short attack ramp, a
 * crossfade when a newer render replaces the one it reads (CV change, model or bank switch; into
 * silence when the newer sound ends before the voice's position), and a short fade-out when
 * stolen. A newer render that comes while a crossfade is under way is queued behind it (see
 * crossfadeTo): restarting the crossfade from the old render cut the mix back to it (a click),
 * and under CVs that never rest, with a render published every 6-10 ms and crossfades of 12, the
 * voice finished none: it stayed on one render until that ran out (bench:patches lfo). Plain
 * fields, no allocation while playing.
 */
export class Voice extends RenderCrossfade {
  pos = 0;
  gain = 0;
  fadingOut = false;
  /** Trigger sequence number that started this voice (lower is older). */
  seq = 0;

  get active(): boolean {
    return this.buf !== null;
  }

  start(buf: Float32Array, ready: Int32Array | null, version: number, pos: number, seq: number): void {
    this.read(buf, ready, version);
    this.pos = pos;
    this.gain = 0;
    this.fadingOut = false;
    this.seq = seq;
  }

  /**
   * Moves to a newer render at the same position, through a crossfade; one already under way
   * finishes first, within HURRY_SAMPLES (the newer render is queued behind it), unless it has
   * stalled (the render it goes to is not written here) or `now` (the render read is about to run
   * out): the crossfade then starts again from the render read.
   */
  crossfadeTo(buf: Float32Array, ready: Int32Array | null, version: number, now = false): void {
    if (!this.buf || this.fadingOut || this.buf === buf) return;
    if (this.next && this.xfade > 0 && !now && writtenEnd(this.nextReady, this.pos, this.next.length) > this.pos) this.queue(buf, ready, version);
    else this.fadeTo(buf, ready, version);
  }

  stop(): void {
    this.fadingOut = true;
  }

  /**
   * Adds `n` samples into `out` from `offset`. Steps: `attackStep` and `fadeStep` per sample of the
   * gain ramps, `xfadeStep` per sample of the crossfade. A render still filling is read only as far
   * as it is written: the crossfade to it waits until its model has written the position (never
   * into the silence of a render sealed short), and a voice that
   * catches up with its own render holds (returns true: starved) rather than read unwritten samples.
   */
  mixInto(out: Float32Array, offset: number, n: number, attackStep: number, fadeStep: number, xfadeStep: number): boolean {
    let buf = this.buf;
    if (!buf) return false;
    let pos = this.pos;
    let gain = this.gain;
    let avail = readableEnd(this.bufReady, pos, buf.length);
    // A crossfade goes only where the newer render was really written: one sealed before it got
    // here (a still newer render stopped it) reads as silence, and the voice faded into it.
    let nextAvail = this.next ? writtenEnd(this.nextReady, pos, this.next.length) : 0;
    for (let i = offset; i < offset + n; i++) {
      if (pos >= buf.length) {
        this.release();
        return false;
      }
      if (pos >= avail && this.next && pos < nextAvail) {
        // The render ran out before the crossfade away from it finished: the rest is the newer one's.
        this.takeNext();
        buf = this.buf!;
        avail = nextAvail;
        nextAvail = this.next ? writtenEnd(this.nextReady, pos, this.next.length) : 0;
      }
      if (pos >= avail) {
        this.pos = pos;
        this.gain = gain;
        return true;
      }
      let s = buf[pos]!;
      // Past the newer render's end the new CVs ask for a shorter sound: it has ended here, and
      // the voice crossfades into that silence, then ends (it never hears the CVs otherwise).
      if (this.next && (pos < nextAvail || pos >= this.next.length)) {
        const nb = this.next;
        s = this.crossfadeSample(s, pos < nb.length ? nb[pos]! : 0, xfadeStep);
        if (this.xfade >= 1) {
          this.takeNext();
          buf = this.buf!;
          avail = nextAvail;
          nextAvail = this.next ? writtenEnd(this.nextReady, pos + 1, this.next.length) : 0;
        }
      }
      if (!(s > -8 && s < 8)) s = 0; // a NaN or runaway sample never reaches the mix
      if (this.fadingOut) {
        gain -= fadeStep;
        if (gain <= 0) {
          this.release();
          this.gain = 0;
          return false;
        }
      } else if (gain < 1) {
        gain = Math.min(1, gain + attackStep);
      }
      out[i] = out[i]! + s * gain;
      pos++;
    }
    this.pos = pos;
    this.gain = gain;
    return false;
  }
}
