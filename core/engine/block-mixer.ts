import { GrainLooper } from './grain-looper';
import { SafetyLimiter } from '../audio/safety-limiter';
import { Voice } from './voice';
import { markPlayed, readableEnd, writtenEnd } from './written-span';

export interface MixerOptions {
  readonly blockSize: number;
  readonly polyphony: number;
  readonly sampleRate: number;
  readonly grainMs: number;
  readonly grainOverlap: number;
  readonly volume: number;
  /** Fade of a stolen voice (default 64 samples, at most one block). */
  readonly fadeSamples?: number;
  /** Crossfade to a newer render (default 256 samples). */
  readonly crossfadeSamples?: number;
  /** Attack ramp of a new voice (default 8 samples). */
  readonly attackSamples?: number;
  /**
   * How long a trigger waits for the render it asked for (`trigger(minVersion)`) before it plays
   * the render it has (default 100 ms): a model that fails or falls behind delays a gate, never
   * silences it.
   */
  readonly triggerWaitMs?: number;
}

/** What the last filled block held, for metrics. */
export interface BlockInfo {
  /** Triggers that started a voice in this block. */
  started: number;
  /** Newest render version any voice or grain read in this block (0: silence). */
  versionHeard: number;
  /** Triggers ignored because no render was ready yet. */
  notReady: number;
  /** 1 when the loop started in this block. */
  loopStarted: number;
  /** Voices that caught up with a render still being written and held in this block. */
  starved: number;
  /** The render version new voices and grains read now. */
  currentVersion: number;
  /** 1 when a voice started in this block on an older render than its trigger asked for (it waited too long): a stale gate. */
  staleStarts: number;
}

/**
 * The audio block loop's one piece of state: voices for gate 1, the granular looper for gate 2,
 * volume and the safety limiter. Control changes arrive as calls between blocks (from the command
 * ring in the worker, directly on the virtual clock); several triggers within one block coalesce,
 * so a 1 kHz gate retriggers at most once per block and queues nothing.
 *
 * Realtime boundary: `fill` and every control call allocate nothing and await nothing.
 */
export class BlockMixer {
  readonly blockSize: number;
  readonly info: BlockInfo = { started: 0, versionHeard: 0, notReady: 0, loopStarted: 0, currentVersion: 0, starved: 0, staleStarts: 0 };
  private readonly voices: Voice[];
  private readonly polyphony: number;
  private readonly looper: GrainLooper;
  private readonly limiter: SafetyLimiter;
  private readonly fadeStep: number;
  private readonly xfadeStep: number;
  private readonly xfadeSamples: number;
  private readonly attackStep: number;
  private render: Float32Array | null = null;
  private renderReady: Int32Array | null = null;
  private renderVersion = 0;
  /** The newest render known complete (set without `ready`): where a trigger starts when the newest is not written there yet. */
  private complete: Float32Array | null = null;
  private completeVersion = 0;
  private playhead = 0;
  /** Where the pending trigger's voice starts, 0..1 (-1: at the playhead). */
  private pendingPlayhead = -1;
  private volume: number;
  private targetVolume: number;
  private pendingTriggers = 0;
  /** The render version the pending trigger waits for (0: any). */
  private pendingMinVersion = 0;
  /** Blocks the pending trigger has waited. */
  private pendingBlocks = 0;
  private readonly maxWaitBlocks: number;
  private loopStarting = false;
  private seq = 0;

  constructor(options: MixerOptions) {
    this.blockSize = options.blockSize;
    this.polyphony = Math.max(1, options.polyphony);
    // Twice the polyphony: stolen voices fade in their own slots while the new ones start.
    this.voices = Array.from({ length: this.polyphony * 2 }, () => new Voice());
    this.xfadeSamples = Math.max(1, options.crossfadeSamples ?? 256);
    this.looper = new GrainLooper(options.sampleRate, options.grainMs, options.grainOverlap, this.xfadeSamples);
    this.limiter = new SafetyLimiter(0.98, 50, options.sampleRate);
    this.fadeStep = 1 / Math.max(1, Math.min(options.fadeSamples ?? 64, options.blockSize));
    this.xfadeStep = 1 / this.xfadeSamples;
    this.attackStep = 1 / Math.max(1, options.attackSamples ?? 8);
    this.volume = this.targetVolume = options.volume;
    this.maxWaitBlocks = Math.ceil(((options.triggerWaitMs ?? 100) * options.sampleRate) / 1000 / options.blockSize);
  }

  /**
   * The newest render: new triggers and grains read it; sounding voices crossfade to it. `ready`
   * (SharedArrayBuffer-backed, [0] = samples written) marks a render still being written: it is
   * read only as far as it is written.
   */
  setRender(buf: Float32Array, version: number, ready: Int32Array | null = null): void {
    if (!ready) {
      this.complete = this.looper.fallback = buf;
      this.completeVersion = this.looper.fallbackVersion = version;
    }
    this.render = buf;
    this.renderReady = ready;
    this.renderVersion = version;
    this.looper.source = buf;
    this.looper.sourceReady = ready;
    this.looper.sourceVersion = version;
    for (const v of this.voices) if (v.active) v.crossfadeTo(buf, ready, version);
  }

  /**
   * A gate: a voice starts in the next block, on the newest render. With `minVersion`, it waits
   * until that render (or a newer one) has arrived, at most `triggerWaitMs`: the control side asks
   * for it when the CVs at the gate stepped away from what the current render was made of.
   * Triggers before a voice starts coalesce (the newest wait wins). With `playhead` (0..1) the
   * voice starts there, the scrub position of the CVs at the gate, rather than wherever the
   * playhead has moved while it waited: the render it waits for is written from there (under an
   * LFO on the scrub, 8 of 13 stepped gates waited for their render, then found it unwritten where
   * the playhead had gone and started on the last complete one, the sound from before the step).
   */
  trigger(minVersion = 0, playhead = -1): void {
    this.pendingTriggers++;
    if (minVersion > this.pendingMinVersion) this.pendingMinVersion = minVersion;
    this.pendingPlayhead = playhead >= 0 ? Math.min(1, playhead) : -1;
  }

  /** Whether the next block starts a sound (a trigger whose render is here, or the loop): it may use the device's reserve. */
  get startsNextBlock(): boolean {
    return this.render !== null && ((this.pendingTriggers > 0 && this.renderVersion >= this.pendingMinVersion) || this.loopStarting);
  }

  /** Whether the mixer may still read `buf` (the current render, a voice, the loop or a grain). Allocates nothing. */
  uses(buf: Float32Array): boolean {
    if (this.render === buf || this.complete === buf || this.looper.source === buf || this.looper.uses(buf)) return true;
    for (let i = 0; i < this.voices.length; i++) {
      const v = this.voices[i]!;
      if (v.buf === buf || v.next === buf || v.queued === buf) return true;
    }
    return false;
  }

  setLoop(on: boolean): void {
    if (on && !this.looper.looping) this.loopStarting = true;
    if (on) this.looper.start();
    else this.looper.stop();
  }

  setPlayhead(p: number): void {
    this.playhead = p < 0 ? 0 : p > 1 ? 1 : p;
    this.looper.playhead = this.playhead;
  }

  setVolume(v: number): void {
    this.targetVolume = v < 0 ? 0 : v > 1 ? 1 : v;
  }

  /**
   * The sample the newest sounding voice (the last gate's, not fading out) reads next in its
   * render, or -1 when none sounds: where a render asked for now should also be written for that
   * voice to hear it soonest (see RenderEngine's continueFrom).
   */
  get soundingAt(): number {
    let newest: Voice | null = null;
    for (const v of this.voices) if (v.active && !v.fadingOut && (!newest || v.seq > newest.seq)) newest = v;
    return newest ? newest.pos : -1;
  }

  /** Voices sounding now (not counting ones fading out). */
  get activeVoices(): number {
    let n = 0;
    for (const v of this.voices) if (v.active && !v.fadingOut) n++;
    return n;
  }

  /** Mixes one block into `out` (length blockSize), overwriting it. */
  fill(out: Float32Array): void {
    const info = this.info;
    info.started = 0;
    info.versionHeard = 0;
    info.loopStarted = this.loopStarting && this.render ? 1 : 0;
    if (this.render) this.loopStarting = false;
    info.currentVersion = this.renderVersion;
    info.starved = 0;
    info.staleStarts = 0;
    out.fill(0);
    if (this.pendingTriggers > 0) this.startPending(info);
    for (const v of this.voices) {
      if (!v.active) continue;
      if (v.bufReady || (v.buf === this.complete && !v.next)) this.moveOn(v);
      if (v.mixInto(out, 0, out.length, this.attackStep, this.fadeStep, this.xfadeStep)) info.starved++;
      markPlayed(v.bufReady, v.pos);
      if (v.next) markPlayed(v.nextReady, v.pos);
      // Heard: the render the voice read in this block (a newer one it crossfades to counts once the crossfade has begun).
      if (v.versionHeard > info.versionHeard) info.versionHeard = v.versionHeard;
    }
    this.looper.mixInto(out);
    const lv = this.looper.versionHeard;
    if (lv > info.versionHeard) info.versionHeard = lv;
    const v0 = this.volume;
    const v1 = this.targetVolume;
    const dv = (v1 - v0) / out.length;
    for (let i = 0; i < out.length; i++) out[i] = out[i]! * (v0 + dv * (i + 1));
    this.volume = v1;
    this.limiter.process(out);
  }

  /** Starts the pending trigger's voice once its render is here (or it has waited its longest). */
  private startPending(info: BlockInfo): void {
    if (!this.render) {
      this.pendingTriggers = this.pendingMinVersion = this.pendingBlocks = 0;
      this.pendingPlayhead = -1;
      info.notReady++;
      return;
    }
    const due = this.renderVersion >= this.pendingMinVersion;
    if (!due && this.pendingBlocks++ < this.maxWaitBlocks) return;
    const at = this.pendingPlayhead >= 0 ? this.pendingPlayhead : this.playhead;
    this.pendingTriggers = this.pendingMinVersion = this.pendingBlocks = 0;
    this.pendingPlayhead = -1;
    this.startVoice(this.render, at);
    info.started = 1;
    info.staleStarts = due ? 0 : 1;
  }

  /**
   * A voice about to reach the written end of its render (stopped: a newer one replaced it before
   * it was written to its end; or still being written, but behind the voice, as the part of a
   * render written from a voice's position can be when its model thread is busy) crossfades,
   * before that end, to the newest render if it is written there, else to the last complete one,
   * and from there to the newest once it is written there: under CVs that never rest, renders are
   * stopped after a chunk or two, and a voice left on one played silence past its end (4 to 28 ms
   * holes, several a second under four LFOs); a voice holding for a render to catch up is silence
   * too (58 holes, 1.7 s in 20 s, under four LFOs with a panel client, before this).
   */
  private moveOn(v: Voice): void {
    const buf = v.buf!;
    const render = this.render;
    if (!v.bufReady) {
      // On the last complete render after a rescue: back to the newest once it is written here.
      if (v.version < this.renderVersion && this.newestWrittenAt(buf, v.pos)) v.crossfadeTo(render!, this.renderReady, this.renderVersion);
      return;
    }
    // Called every block for every voice on a render being written: the usual case, far from
    // the written end, returns here.
    const end = writtenEnd(v.bufReady, v.pos, buf.length);
    if (end >= buf.length || end - v.pos > this.blockSize + this.xfadeSamples) return;
    if (v.next && this.writtenAhead(v.next, v.nextReady, v.pos)) return; // a crossfade that will finish in time
    if (this.newestWrittenAt(buf, v.pos)) v.crossfadeTo(render!, this.renderReady, this.renderVersion, true);
    else if (this.complete && this.complete !== buf && v.pos < this.complete.length) v.crossfadeTo(this.complete, null, this.completeVersion, true);
  }

  /** Whether the newest render (not `buf`) is written at `pos` for a crossfade and a block. */
  private newestWrittenAt(buf: Float32Array, pos: number): boolean {
    return this.render !== null && this.render !== buf && this.writtenAhead(this.render, this.renderReady, pos);
  }

  /** Whether `buf` is written from `pos` for a crossfade and a block (or to its end); a sealed render's silence is not written. */
  private writtenAhead(buf: Float32Array, ready: Int32Array | null, pos: number): boolean {
    return pos < buf.length && writtenEnd(ready, pos, buf.length) >= Math.min(buf.length, pos + this.xfadeSamples + this.blockSize);
  }

  /** Starts a voice on `buf` at `at` (0..1 of a render; see startPosition). */
  private startVoice(buf: Float32Array, at: number): void {
    let active = 0;
    let oldest: Voice | null = null;
    let free: Voice | null = null;
    let quietest: Voice | null = null;
    for (const v of this.voices) {
      if (!v.active) {
        if (!free) free = v;
        continue;
      }
      if (v.fadingOut) {
        if (!quietest || v.gain < quietest.gain) quietest = v;
        continue;
      }
      active++;
      if (!oldest || v.seq < oldest.seq) oldest = v;
    }
    if (active >= this.polyphony && oldest) oldest.stop();
    const slot = free ?? quietest ?? oldest!;
    const pos = this.startPosition(buf, at);
    const fallback = this.complete;
    if (this.renderReady && fallback && fallback !== buf && readableEnd(this.renderReady, pos, buf.length) <= pos) {
      // The newest render is not written where the voice starts yet (the scrub moved since it was
      // asked for): the voice starts on the last complete render, at once, and crossfades to the
      // newest as soon as it covers the voice's position.
      slot.start(fallback, null, this.completeVersion, this.startPosition(fallback, at), ++this.seq);
      slot.crossfadeTo(buf, this.renderReady, this.renderVersion);
    } else {
      slot.start(buf, this.renderReady, this.renderVersion, pos, ++this.seq);
    }
  }

  /** Where a voice starts in `buf` at scrub position `at` (the start when it is past the end). */
  private startPosition(buf: Float32Array, at: number): number {
    const start = Math.floor(at * buf.length);
    return start >= buf.length ? 0 : start;
  }
}
