import { RenderCrossfade } from './render-crossfade';
import { readableEnd, stopping, writtenEnd } from './written-span';

/**
 * Whether a render (`length` samples, `ready` its written counters; null: complete) can carry a
 * grain's `grain` samples from `start`: written for all of them, or written there and still being
 * written (its model stays ahead of a grain). One stopped short (a newer render replaced it)
 * would leave a hole of silence in the grain.
 */
function carriesGrain(ready: Int32Array | null, start: number, length: number, grain: number): boolean {
  if (!ready) return true;
  const end = writtenEnd(ready, start, length);
  return end >= Math.min(length, start + grain) || (end > start && !stopping(ready));
}

/**
 * One grain slot: the render it reads (`buf`: null when the slot is free) and the newer render it
 * may be crossfading to (see RenderCrossfade), where the grain starts and how far it has played.
 * Allocated once with the looper.
 */
class Grain extends RenderCrossfade {
  /** Where `buf` is readable up to from the grain's position, and `next` written up to (refreshed every block). */
  avail = 0;
  nextAvail = 0;
  /** Where the grain started in `buf`, and where it reads `next` from (its start there): the position plus the grain's age. */
  start = 0;
  nextStart = 0;
  age = 0;

  begin(buf: Float32Array, ready: Int32Array | null, version: number, start: number): void {
    this.read(buf, ready, version);
    this.start = start;
    this.avail = readableEnd(ready, start, buf.length);
    this.age = 0;
  }

  /**
   * Once a block, with `rest` samples of the grain left: a grain crossfading hurries when a newer
   * render than the one it goes to waits (it takes that one when its crossfade ends, if the newer
   * one carries it); a grain reading an older render than `src` starts crossfading to it where
   * `src` carries the rest of the grain (asked only then), at the same age from `srcStart` (where
   * a grain starts in `src`): a render of other CVs may be longer or shorter, so the same scrub
   * position lies elsewhere in it, and a grain that looked for itself at its old position found
   * another part of the sound there, or nothing written, and kept the old sound until the next
   * grain replaced it.
   */
  follow(src: Float32Array, ready: Int32Array | null, version: number, srcStart: number, rest: number): void {
    if (this.next && src !== this.next && version > this.nextVersion) this.hurry();
    const at = srcStart + this.age;
    if (!this.next && src !== this.buf && version > this.version && at < src.length && carriesGrain(ready, at, src.length, rest)) {
      this.fadeTo(src, ready, version);
      this.nextStart = srcStart;
    }
    if (this.next) this.nextAvail = writtenEnd(this.nextReady, this.nextStart + this.age, this.next.length);
  }

  /**
   * The grain's sample at its age times `window` there (0 beyond what is written), then a step:
   * through the crossfade where the newer render is really written (as a voice's), the rest the
   * newer one's where the render read ran out first; the slot frees at the grain's end.
   */
  step(window: Float32Array, xfadeStep: number): number {
    const b = this.buf!;
    const age = this.age;
    const p = this.start + age;
    let v = p < this.avail ? b[p]! : 0;
    const next = this.next;
    const q = this.nextStart + age;
    if (next && q < this.nextAvail) {
      v = p < this.avail ? this.crossfadeSample(v, next[q]!, xfadeStep) : next[q]!;
      if (this.xfade >= 1 || p >= this.avail) {
        this.avail = this.nextAvail;
        this.start = this.nextStart;
        this.takeNext();
      }
    }
    if (age + 1 >= window.length) this.release();
    else this.age = age + 1;
    return v * window[age]!;
  }
}

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
  private readonly grains: Grain[];
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
    this.grains = Array.from({ length: Math.ceil(this.grainLen / this.hop) + 1 }, () => new Grain());
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
    for (let k = 0; k < this.grains.length; k++) if (this.grains[k]!.buf) return true;
    return false;
  }

  /** Whether a sounding grain reads `buf`, or the next may. */
  uses(buf: Float32Array): boolean {
    if (this.carrier === buf) return true;
    for (let k = 0; k < this.grains.length; k++) {
      const g = this.grains[k]!;
      if (g.buf === buf || g.next === buf) return true;
    }
    return false;
  }

  /** The newest render version a sounding grain reads (0: none); one it crossfades to counts once the crossfade has begun, as for voices. */
  get versionHeard(): number {
    let v = 0;
    for (let k = 0; k < this.grains.length; k++) {
      const g = this.grains[k]!;
      if (g.buf && g.versionHeard > v) v = g.versionHeard;
    }
    return v;
  }

  mixInto(out: Float32Array): void {
    for (let k = 0; k < this.grains.length; k++) {
      const g = this.grains[k]!;
      if (!g.buf) continue;
      const p = g.start + g.age;
      g.avail = readableEnd(g.bufReady, p, g.buf.length);
      const src = this.source;
      if (src) g.follow(src, this.sourceReady, this.sourceVersion, this.grainStart(src), this.grainLen - g.age);
    }
    for (let i = 0; i < out.length; i++) {
      if (this.looping && this.source && --this.untilNext <= 0) {
        this.spawn();
        this.untilNext = this.hop;
      }
      let s = 0;
      for (let k = 0; k < this.grains.length; k++) {
        const g = this.grains[k]!;
        if (g.buf) s += g.step(this.window, this.xfadeStep);
      }
      out[i] = out[i]! + s * this.norm;
    }
  }

  private spawn(): void {
    let g: Grain | undefined;
    for (let k = 0; k < this.grains.length && !g; k++) if (!this.grains[k]!.buf) g = this.grains[k];
    if (!g) return;
    let src = this.source!;
    let ready = this.sourceReady;
    let version = this.sourceVersion;
    let start = this.grainStart(src);
    const carrier = this.carrier;
    if (ready && !carriesGrain(ready, start, src.length, this.grainLen)) {
      // Not written at the playhead yet (or stopped short of a grain there): this grain reads
      // the render the last grain read if it still carries one here, else the last complete
      // render; it (or a later grain) moves to the newest once that is written there.
      if (carrier && carrier !== src && carriesGrain(this.carrierReady, this.grainStart(carrier), carrier.length, this.grainLen)) {
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
    g.begin(src, ready, version, start);
  }

  private grainStart(src: Float32Array): number {
    return grainStartAt(this.playhead, src.length, this.grainLen);
  }
}

/**
 * Where a loop grain of `grain` samples starts in a render of `length`: at the playhead (0..1), as
 * a voice does (where a render is written first), or a grain's length before the end. Scaled to
 * the length less a grain, grains started up to a grain before the scrub position, in the part a
 * render writes last: under moving CVs they read the last complete render, made before the CVs
 * started moving, for as long as they moved. The engine asks a loop's first chunk to reach where
 * such a grain ends.
 */
export function grainStartAt(playhead: number, length: number, grain: number): number {
  return Math.max(0, Math.min(Math.floor(playhead * length), length - grain));
}
