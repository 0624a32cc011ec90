/**
 * Samples in which a crossfade under way finishes once a newer render is queued behind it: at the
 * full crossfade (256 samples) the queued render waited up to 11.6 ms to begin, and under CVs that
 * never rest every render waited (FRAVE under the LFO patch: a render heard 10 ms after it started
 * at p50, its voice part written at 4.4). 64 samples (2.9 ms) is still a fade, never a cut.
 */
export const HURRY_SAMPLES = 64;

/**
 * What a voice and a loop grain share: the render read (`buf`, null when idle), the newer render
 * it crossfades to (`next`) and the crossfade's progress, a render waiting behind that crossfade
 * (`queued`, voices only: a grain takes the looper's newest render when its crossfade ends) and
 * the hurry that ends the crossfade under way within HURRY_SAMPLES once a newer render waits.
 * `*Ready` is what of a render still filling is written (see written-span.ts; null: complete).
 * When to start, queue or hurry a crossfade is the reader's own policy; the fields and the steps
 * are here once. Plain fields, no allocation while playing.
 */
export class RenderCrossfade {
  buf: Float32Array | null = null;
  bufReady: Int32Array | null = null;
  version = 0;
  next: Float32Array | null = null;
  nextReady: Int32Array | null = null;
  nextVersion = 0;
  /** Crossfade progress to `next`, 0..1. */
  xfade = 0;
  queued: Float32Array | null = null;
  queuedReady: Int32Array | null = null;
  queuedVersion = 0;
  /** With a newer render waiting: the step per sample that ends the crossfade under way within HURRY_SAMPLES (0: none). */
  private hurryStep = 0;

  /** Reads `buf` from now on, with no crossfade and nothing queued. */
  protected read(buf: Float32Array, ready: Int32Array | null, version: number): void {
    this.buf = buf;
    this.bufReady = ready;
    this.version = version;
    this.next = null;
    this.queued = null;
    this.xfade = 0;
    this.hurryStep = 0;
  }

  /** Starts a crossfade to `buf` from the render read (one under way, and anything queued, is dropped). */
  protected fadeTo(buf: Float32Array, ready: Int32Array | null, version: number): void {
    this.next = buf;
    this.nextReady = ready;
    this.nextVersion = version;
    this.xfade = 0;
    this.queued = null;
    this.hurryStep = 0;
  }

  /** Queues `buf` behind the crossfade under way (nothing, if that crossfade goes to it already), hurrying that crossfade. */
  protected queue(buf: Float32Array, ready: Int32Array | null, version: number): void {
    this.queued = this.next === buf ? null : buf;
    this.queuedReady = ready;
    this.queuedVersion = version;
    if (this.queued) this.hurry();
  }

  /** A newer render waits: the crossfade under way ends within HURRY_SAMPLES from here (kept, if already hurried). */
  protected hurry(): void {
    if (this.hurryStep === 0) this.hurryStep = (1 - this.xfade) / HURRY_SAMPLES;
  }

  /**
   * One sample of the crossfade: `a` of the render read and `b` of the newer one mixed at the
   * crossfade's progress, which then advances by `step` (or the hurry's, if larger).
   */
  protected crossfadeSample(a: number, b: number, step: number): number {
    const t = this.xfade;
    this.xfade = t + (step > this.hurryStep ? step : this.hurryStep);
    return a * (1 - t) + b * t;
  }

  /** The render crossfaded to becomes the one read, and a queued one the next. */
  protected takeNext(): void {
    this.buf = this.next;
    this.bufReady = this.nextReady;
    this.version = this.nextVersion;
    this.next = this.queued;
    this.nextReady = this.queuedReady;
    this.nextVersion = this.queuedVersion;
    this.xfade = 0;
    this.queued = null;
    this.hurryStep = 0;
  }

  /** Stops reading: nothing read, crossfaded to or queued. */
  protected release(): void {
    this.buf = this.next = this.queued = null;
  }

  /** The render version heard: the newer one's once its crossfade has begun (the last one read, once idle). */
  get versionHeard(): number {
    return this.next && this.xfade > 0 ? this.nextVersion : this.version;
  }
}
