/**
 * One sounding impact: reads a render from its start position, with a short attack ramp, a
 * crossfade when a newer render replaces the one it reads (CV change, model or bank switch), and a
 * short fade-out when stolen. Plain fields, no allocation while playing.
 */
export class Voice {
  buf: Float32Array | null = null;
  next: Float32Array | null = null;
  pos = 0;
  /** Crossfade progress to `next`, 0..1. */
  xfade = 0;
  gain = 0;
  fadingOut = false;
  /** Trigger sequence number that started this voice (lower is older). */
  seq = 0;
  version = 0;
  nextVersion = 0;

  get active(): boolean {
    return this.buf !== null;
  }

  start(buf: Float32Array, version: number, pos: number, seq: number): void {
    this.buf = buf;
    this.next = null;
    this.version = version;
    this.pos = pos;
    this.xfade = 0;
    this.gain = 0;
    this.fadingOut = false;
    this.seq = seq;
  }

  /** Moves to a newer render at the same position, through a crossfade. */
  crossfadeTo(buf: Float32Array, version: number): void {
    if (!this.buf || this.fadingOut || this.buf === buf) return;
    this.next = buf;
    this.nextVersion = version;
    this.xfade = 0;
  }

  stop(): void {
    this.fadingOut = true;
  }

  /**
   * Adds `n` samples into `out` from `offset`. Steps: `attackStep` and `fadeStep` per sample of the
   * gain ramps, `xfadeStep` per sample of the crossfade.
   */
  mixInto(out: Float32Array, offset: number, n: number, attackStep: number, fadeStep: number, xfadeStep: number): void {
    let buf = this.buf;
    if (!buf) return;
    let pos = this.pos;
    let gain = this.gain;
    for (let i = offset; i < offset + n; i++) {
      if (pos >= buf.length) {
        this.buf = null;
        this.next = null;
        return;
      }
      let s = buf[pos]!;
      if (this.next) {
        const nb = this.next;
        const t = this.xfade;
        s = s * (1 - t) + (pos < nb.length ? nb[pos]! : 0) * t;
        this.xfade = t + xfadeStep;
        if (this.xfade >= 1) {
          buf = this.buf = nb;
          this.version = this.nextVersion;
          this.next = null;
        }
      }
      if (this.fadingOut) {
        gain -= fadeStep;
        if (gain <= 0) {
          this.buf = null;
          this.next = null;
          this.gain = 0;
          return;
        }
      } else if (gain < 1) {
        gain = Math.min(1, gain + attackStep);
      }
      out[i] = out[i]! + s * gain;
      pos++;
    }
    this.pos = pos;
    this.gain = gain;
  }
}
