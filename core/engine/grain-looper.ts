import { HURRY_SAMPLES } from './voice';
import { readableEnd, stopping, writtenEnd } from './written-span';

/**
 * Gate 2: loops the current render granular style. Hann-windowed grains of `grainMs` start every
 * grain x (1 - overlap), each reading from the playhead, so a moved playhead fades in through the
 * overlap. A sounding grain moves to a newer render where that is written for the rest of the
 * grain (or still being written there), through a crossfade, as a voice does: a grain used to keep
 * the render it started on, so the loop heard a CV change only with the next grain, up to a grain
 * hop (40 ms) later, and up to two hops when that grain could not take the newest render
 * (bench:patches ratchet, gate 2 held: CV-to-audible p99 58-200 ms, FRAVE, against 27-53 under
 * the LFO patch without the loop). Stopping lets sounding grains finish. Fixed grain slots: no
 * allocation while playing.
 */
export class GrainLooper {
  private readonly grainLen: number;
  private readonly hop: number;
  private readonly window: Float32Array;
  private readonly gBuf: Array<Float32Array | null>;
  private readonly gReady: Array<Int32Array | null>;
  private readonly gAvail: Float64Array;
  private readonly gStart: Float64Array;
  private readonly gAge: Int32Array;
  private readonly gVersion: Float64Array;
  /** The newer render each grain crossfades to (null: none), what of it is written, its version and the crossfade's progress, 0..1. */
  private readonly gNext: Array<Float32Array | null>;
  private readonly gNextReady: Array<Int32Array | null>;
  private readonly gNextAvail: Float64Array;
  private readonly gNextVersion: Float64Array;
  private readonly gXfade: Float64Array;
  /** A newer render waits for the grain's crossfade: the step that ends it within HURRY_SAMPLES (0: none). */
  private readonly gHurry: Float64Array;
  private readonly xfadeStep: number;
  private readonly norm: number;
  private untilNext = 0;
  looping = false;
  playhead = 0;
  source: Float32Array | null = null;
  /** Samples of `source` written so far while it still fills (null: complete). */
  sourceReady: Int32Array | null = null;
  sourceVersion = 0;
  /** The newest complete render: a grain reads it where `source` is not written yet at the grain's start. */
  fallback: Float32Array | null = null;
  fallbackVersion = 0;
  /**
   * The last render a grain started on (not the fallback): where `source` cannot carry a grain,
   * the next grain reads this one if it can, before the last complete render. Under moving CVs
   * no render completes, and the newest is often stopped after its first chunk (a newer one
   * started) or written where the playhead was when it was asked: a third of the grains read
   * the last complete render, the one made at boot (bench:patches ratchet, gate 2 held).
   */
  private carrier: Float32Array | null = null;
  private carrierReady: Int32Array | null = null;
  private carrierVersion = 0;

  /** `crossfadeSamples`: how long a grain takes to move to a newer render (the voices' crossfade). */
  constructor(sampleRate: number, grainMs: number, overlap: number, crossfadeSamples = 256) {
    this.grainLen = Math.max(16, Math.round((grainMs / 1000) * sampleRate));
    this.hop = Math.max(1, Math.round(this.grainLen * (1 - overlap)));
    this.window = new Float32Array(this.grainLen);
    for (let i = 0; i < this.grainLen; i++) this.window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / this.grainLen);
    const slots = Math.ceil(this.grainLen / this.hop) + 1;
    this.gBuf = new Array<Float32Array | null>(slots).fill(null);
    this.gReady = new Array<Int32Array | null>(slots).fill(null);
    this.gAvail = new Float64Array(slots);
    this.gStart = new Float64Array(slots);
    this.gAge = new Int32Array(slots);
    this.gVersion = new Float64Array(slots);
    this.gNext = new Array<Float32Array | null>(slots).fill(null);
    this.gNextReady = new Array<Int32Array | null>(slots).fill(null);
    this.gNextAvail = new Float64Array(slots);
    this.gNextVersion = new Float64Array(slots);
    this.gXfade = new Float64Array(slots);
    this.gHurry = new Float64Array(slots);
    this.xfadeStep = 1 / Math.max(1, crossfadeSamples);
    this.norm = Math.min(1, (2 * this.hop) / this.grainLen);
  }

  start(): void {
    if (!this.looping) this.untilNext = 0;
    this.looping = true;
  }

  stop(): void {
    this.looping = false;
    this.carrier = this.carrierReady = null;
  }

  /** Whether any grain is sounding. */
  get sounding(): boolean {
    for (let g = 0; g < this.gBuf.length; g++) if (this.gBuf[g]) return true;
    return false;
  }

  /** Whether a sounding grain reads `buf`, or the next may. */
  uses(buf: Float32Array): boolean {
    if (this.carrier === buf) return true;
    for (let g = 0; g < this.gBuf.length; g++) if (this.gBuf[g] === buf || this.gNext[g] === buf) return true;
    return false;
  }

  /** The newest render version a sounding grain reads (0: none); one it crossfades to counts once the crossfade has begun, as for voices. */
  get versionHeard(): number {
    let v = 0;
    for (let g = 0; g < this.gBuf.length; g++) {
      if (!this.gBuf[g]) continue;
      const ver = this.gNext[g] && this.gXfade[g]! > 0 ? this.gNextVersion[g]! : this.gVersion[g]!;
      if (ver > v) v = ver;
    }
    return v;
  }

  mixInto(out: Float32Array): void {
    const len = this.grainLen;
    for (let g = 0; g < this.gBuf.length; g++) {
      if (!this.gBuf[g]) continue;
      const p = this.gStart[g]! + this.gAge[g]!;
      this.gAvail[g] = readableEnd(this.gReady[g]!, p, this.gBuf[g]!.length);
      this.follow(g, p);
    }
    for (let i = 0; i < out.length; i++) {
      if (this.looping && this.source && --this.untilNext <= 0) {
        this.spawn();
        this.untilNext = this.hop;
      }
      let s = 0;
      for (let g = 0; g < this.gBuf.length; g++) {
        const b = this.gBuf[g];
        if (!b) continue;
        const age = this.gAge[g]!;
        const p = this.gStart[g]! + age;
        let v = p < this.gAvail[g]! ? b[p]! : 0;
        const next = this.gNext[g];
        // A crossfade goes only where the newer render is really written (as a voice's).
        if (next && p < this.gNextAvail[g]!) {
          const x = this.gXfade[g]!;
          // The render read ran out before the crossfade ended: the rest is the newer one's.
          v = p < this.gAvail[g]! ? v * (1 - x) + next[p]! * x : next[p]!;
          this.gXfade[g] = x + (this.xfadeStep > this.gHurry[g]! ? this.xfadeStep : this.gHurry[g]!);
          if (this.gXfade[g]! >= 1 || p >= this.gAvail[g]!) this.takeNext(g);
        }
        s += v * this.window[age]!;
        if (age + 1 >= len) this.gBuf[g] = this.gNext[g] = null;
        else this.gAge[g] = age + 1;
      }
      out[i] = out[i]! + s * this.norm;
    }
  }

  /**
   * A sounding grain starts crossfading to the newest render when it reads an older one and the
   * newest can carry the rest of the grain from where it is (see writtenFor); one crossfade at a
   * time: a newer render hurries the one under way (HURRY_SAMPLES), and is the next.
   */
  private follow(g: number, p: number): void {
    const src = this.source;
    if (this.gNext[g] && src && src !== this.gNext[g] && this.sourceVersion > this.gNextVersion[g]! && this.gHurry[g] === 0) {
      this.gHurry[g] = (1 - this.gXfade[g]!) / HURRY_SAMPLES;
    }
    if (!this.gNext[g] && src && src !== this.gBuf[g] && this.sourceVersion > this.gVersion[g]! && p < src.length) {
      const end = this.gStart[g]! + this.grainLen;
      if (this.writtenFor(this.sourceReady, p, src.length, end - p)) {
        this.gNext[g] = src;
        this.gNextReady[g] = this.sourceReady;
        this.gNextVersion[g] = this.sourceVersion;
        this.gXfade[g] = 0;
        this.gHurry[g] = 0;
      }
    }
    const next = this.gNext[g];
    if (next) this.gNextAvail[g] = writtenEnd(this.gNextReady[g] ?? null, p, next.length);
  }

  private takeNext(g: number): void {
    this.gBuf[g] = this.gNext[g];
    this.gReady[g] = this.gNextReady[g] ?? null;
    this.gVersion[g] = this.gNextVersion[g]!;
    this.gAvail[g] = this.gNextAvail[g]!;
    this.gNext[g] = null;
    this.gXfade[g] = 0;
    this.gHurry[g] = 0;
  }

  private spawn(): void {
    for (let g = 0; g < this.gBuf.length; g++) {
      if (this.gBuf[g]) continue;
      let src = this.source!;
      let ready = this.sourceReady;
      let version = this.sourceVersion;
      let start = this.grainStart(src);
      const carrier = this.carrier;
      if (ready && !this.writtenFor(ready, start, src.length)) {
        // Not written at the playhead yet (or stopped short of a grain there): this grain reads
        // the render the last grain read if it still carries one here, else the last complete
        // render; later grains take the newest once it is written there, fading in through the
        // overlap.
        if (carrier && carrier !== src && this.writtenFor(this.carrierReady, this.grainStart(carrier), carrier.length)) {
          src = carrier;
          ready = this.carrierReady;
          version = this.carrierVersion;
        } else if (this.fallback) {
          src = this.fallback;
          ready = null;
          version = this.fallbackVersion;
        }
        start = this.grainStart(src);
      }
      if (src !== this.fallback) {
        this.carrier = src;
        this.carrierReady = ready;
        this.carrierVersion = version;
      }
      this.gBuf[g] = src;
      this.gReady[g] = ready;
      this.gStart[g] = start;
      this.gAvail[g] = readableEnd(ready, start, src.length);
      this.gAge[g] = 0;
      this.gVersion[g] = version;
      this.gNext[g] = null;
      return;
    }
  }

  /**
   * Whether a filling render can carry a grain (or `grain` samples of one) from `start`: written for all of it, or
   * written there and still being written (its model stays ahead of a grain). One stopped short
   * (a newer render replaced it) would leave a hole of silence in the grain.
   */
  private writtenFor(ready: Int32Array | null, start: number, length: number, grain = this.grainLen): boolean {
    if (!ready) return true;
    const end = writtenEnd(ready, start, length);
    return end >= Math.min(length, start + grain) || (end > start && !stopping(ready));
  }

  /**
   * Where a grain starts: at the playhead, as a voice does (where a render is written first), or
   * a grain's length before the end. Scaled to the length less a grain, grains started up to a
   * grain before the scrub position, in the part a render writes last: under moving CVs they read
   * the last complete render, made before the CVs started moving, for as long as they moved.
   */
  private grainStart(src: Float32Array): number {
    return Math.max(0, Math.min(Math.floor(this.playhead * src.length), src.length - this.grainLen));
  }
}
