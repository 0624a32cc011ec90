import { NeurorackError } from '../errors/neurorack-error';
import type { Clock, TimerHandle } from '../scheduler/clock';
import type { DescriptorFrames } from './descriptor-frames';
import { grainStartAt } from './grain-looper';
import { DEFAULT_RENDER_SEED, LEAD_FRAMES, type ModelRenderer } from './model-renderer';
import type { RenderBuffers } from './render-slots';
import { PREFIX, PREFIX_PLAYED, readableEnd, REGION_PLAYED, REGION_START, REGION_WRITTEN, SEALED, STOPPED, STOPPING, VOICE_PLAYED, VOICE_START, VOICE_WRITTEN, WRITTEN_SPAN_SLOTS } from './written-span';

/** A finished render, ready to play. Versions grow with every request. */
export interface ReadyRender {
  readonly version: number;
  readonly audio: Float32Array;
  /** While a progressive render is still being written: shared [0] = samples written; null when complete. */
  readonly filling: Int32Array | null;
  readonly modelId: string;
  readonly requestedAt: number;
  readonly readyAt: number;
}

/**
 * How render time is accounted: `real` publishes a render when it resolves; `virtual` (replays
 * and tests on the VirtualClock) publishes it at start + rtf x its audio duration (at least
 * `minMs`), so the same replay always hears the same render at the same instant.
 */
export type RenderTiming = { readonly kind: 'real' } | { readonly kind: 'virtual'; readonly rtf: number; readonly minMs: number };

export interface RenderEngineOptions {
  readonly clock: Clock;
  readonly renderer: ModelRenderer;
  readonly seed?: number;
  /**
   * Requests closer together than this coalesce into one render (newest wins). Default 4 ms. A
   * request after a quiet spell (no render waiting or running, none started for this long) starts
   * at once.
   */
  readonly debounceMs?: number;
  readonly timing?: RenderTiming;
  /**
   * Where playback will start in a render, 0..1 (the scrub position): a progressive render is
   * published once it is written from there on for a safe lead. Default 0.
   */
  readonly startAt?: () => number;
  /**
   * The sample the sound playing now (the newest voice) reads next in its render, -1 when none
   * (the audio path's soundingAt). A request made while a voice sounds past the first chunk of the
   * scrub region is also written from that voice's position at once, as the continuation of the
   * same sound, so the voice hears the new CVs within a first chunk instead of when the region
   * reaches it. Not for a gate's hurried render (the new voice starts at the scrub position).
   */
  readonly continueFrom?: () => number;
  /**
   * How long a loop grain plays from the scrub position (ms) while gate 2 loops, 0 when it does
   * not: a render asked for the CVs (not a gate's) then asks its region's first chunk that long
   * (RenderTarget.firstFrames) and is published only once it is written. A grain takes a render
   * only where it can play to its end, and under CVs that never rest each render was stopped after
   * its 2-frame first chunk, shorter than a grain: the loop kept older renders, and the recording
   * took 55-430 ms at p99 to sound like a CV1 step (bench:patches loop; 25-105 ms with this).
   */
  readonly loopGrainMs?: () => number;
  /**
   * A render becomes the one that plays; called again for the same version, with `filling` null,
   * when a progressive render finishes writing while it is still the newest.
   */
  readonly onReady: (render: ReadyRender) => void;
  readonly onError?: (err: NeurorackError) => void;
  /** Where progressive renders are written (the audio path's render slots); fresh shared memory when absent or full. */
  readonly buffers?: RenderBuffers;
}

interface InFlight {
  readonly version: number;
  readonly requestedAt: number;
  /** When it started (performance.now(), the real clock's own). */
  readonly startedAt: number;
  readonly modelId: string;
  readonly promise: Promise<void>;
  /** The shared buffer a progressive render writes into. */
  readonly target?: SpanTarget;
  result?: Float32Array;
  failed?: unknown;
  /** A progressive render published before it finished. */
  early?: boolean;
  /** The model call has returned (nothing writes the target any more). */
  settled?: boolean;
}

/**
 * Longest a request waits for the part at the voice of the render before it (see `awaitingVoice`):
 * a stalled model thread must not hold the CVs back.
 */
const VOICE_WAIT_MS = 60;
/** Weight of the newest measurement in the running average of a voice part's time to its first chunk. */
const VOICE_LEAD_GAIN = 0.3;
/** Frames of the chunk a model writes after its first (at most twice the first, see ModelRenderer.renderInto): the lead must outlast it. */
const SECOND_CHUNK_FRAMES = 2 * LEAD_FRAMES;

/**
 * Keeps the next impact ready. A request (new descriptors from the mappings) is rendered in the
 * background, at once after a quiet spell; requests behind it coalesce (debounced; while one render
 * runs, newer requests wait) and only the newest is rendered next. A failed render is reported and the last ready one stays. Never blocks its caller.
 */
export class RenderEngine {
  private renderer: ModelRenderer;
  private latent: readonly number[] = [];
  private latestFrames: DescriptorFrames | undefined;
  private pendingVersion = 0;
  private pendingAt = 0;
  /** The pending request is a gate's: its render has no voice part. */
  private pendingForGate = false;
  private nextVersion = 0;
  private inFlight: InFlight | undefined;
  /** Progressive renders already published and still being written (the newest is playing). */
  private readonly filling = new Set<InFlight>();
  /**
   * A published render whose part at the sounding voice is not written yet: the next request waits
   * for that part's first chunk (at most VOICE_WAIT_MS; a gate's render does not wait), so
   * the voice hears each render. Under CVs that never rest, the next render stopped each one once
   * its region was published, before its part at the voice was computed, and the voice heard
   * none of them for up to 300 ms (bench:patches lfo).
   */
  private awaitingVoice: InFlight | undefined;
  /** Renders whose target came from `options.buffers`, until it is given back. */
  private readonly pooled = new Set<InFlight>();
  private debounce: TimerHandle | undefined;
  /** When the last render started (clock ms). */
  private lastStartAt = -Infinity;
  private publishTimer: TimerHandle | undefined;
  private ready: ReadyRender | undefined;
  /** The newest render known to be complete (what a failed progressive render falls back to). */
  private complete: ReadyRender | undefined;
  private stopped = false;
  private waiters: Array<() => void> = [];
  /** Real-time factor of the last finished render (sizes the lead of progressive renders). */
  private rtf = 0.1;
  /**
   * How long a render's part at the voice takes to its first chunk, ms (a running average of
   * what the real clock measured): the part starts where the voice will be by then.
   */
  private voiceLeadMs = 0;
  private readonly timing: RenderTiming;
  private readonly seed: number;
  private readonly debounceMs: number;
  /** Renders published (a progressive one counts when it starts playing, even if a newer one stops it before its end). */
  renders = 0;
  failures = 0;
  /** Wall time of the last finished model call, ms (what the stats page shows as inference time). */
  lastRenderMs = 0;

  constructor(private readonly options: RenderEngineOptions) {
    this.renderer = options.renderer;
    this.timing = options.timing ?? { kind: 'real' };
    this.seed = options.seed ?? DEFAULT_RENDER_SEED;
    this.debounceMs = options.debounceMs ?? 4;
  }

  /** The newest finished render. */
  latest(): ReadyRender | undefined {
    return this.ready;
  }

  get modelId(): string {
    return this.renderer.id;
  }

  /**
   * Asks for a render of `frames`; returns the version it will carry. `forGate`: asked for by a
   * gate's scan, for the voice the gate starts at the scrub position, so the render is written
   * from there only (see `hurry`): a part written for the voice sounding now as well took the
   * other model lane, or queued behind the gate's first chunk on the same one, for about three
   * times a first chunk's work, while the new voice replaces what that part was for.
   */
  request(frames: DescriptorFrames, forGate = false): number {
    const version = ++this.nextVersion;
    this.latestFrames = frames;
    this.pendingVersion = version;
    this.pendingForGate ||= forGate;
    this.pendingAt = this.options.clock.now();
    if (!this.debounce && !this.inFlight && (!this.awaitingVoice || this.pendingForGate) && this.pendingAt - this.lastStartAt >= this.debounceMs) {
      this.startNext();
      return version;
    }
    // Requests behind it coalesce: the newest starts when the window the first one opened
    // closes. A window opened again by every request never closed under CVs scanned every 5 ms
    // whenever its 4 ms timer fired a millisecond late (a thread's timers do): no render started
    // for 50 ms and more (bench:patches lfo, FRAVE).
    this.debounce ??= this.options.clock.setTimer(() => {
      this.debounce = undefined;
      this.startNext();
    }, this.debounceMs);
    return version;
  }

  /**
   * A gate waits for a render: returns the version it should wait for. When the render in flight
   * (started, not yet published) is one `serves` accepts (asked for CVs within a step of the
   * gate's: a sequencer's step caught by the periodic scan just before the gate's own), the gate
   * waits for it, further along than any new one, and the newest request waits its turn as usual.
   * Otherwise the newest request starts now, if it has not started: it neither waits out the
   * debounce nor the render in flight, which is stopped (it was asked for older CVs and nobody has
   * heard it yet). Stopping one that `serves` would accept cost the gate up to a first chunk
   * twice: the stopped chunk runs to its end on the model thread before the new one starts.
   */
  hurry(serves?: (version: number) => boolean): number {
    const flight = this.inFlight;
    if (flight && !this.stopped && serves?.(flight.version)) return flight.version;
    const newest = this.pendingVersion || this.nextVersion;
    if (this.pendingVersion === 0 || this.stopped) return newest;
    if (this.debounce) this.options.clock.clearTimer(this.debounce);
    this.debounce = undefined;
    this.abandonInFlight();
    this.startNext(true);
    return newest;
  }

  /** Moves through the model's latent space (see ModelRenderer.setLatent) for the renders asked from now on; kept across model switches. */
  setLatent(position: readonly number[]): void {
    this.latent = position;
    this.renderer.setLatent?.(position);
  }

  /** Switches model: the current descriptors are rendered again with it; voices crossfade to it. */
  setRenderer(renderer: ModelRenderer): number | undefined {
    this.renderer = renderer;
    if (this.latent.length > 0) renderer.setLatent?.(this.latent);
    return this.latestFrames ? this.request(this.latestFrames) : undefined;
  }

  /** Resolves once the render in flight (if any) has finished computing. */
  async settle(): Promise<void> {
    await this.inFlight?.promise;
  }

  /**
   * Resolves once the renders started so far (the one in flight and those still being written)
   * have finished, failed or stopped, whatever starts later: a renderer switched away from is then
   * no longer writing audio that plays, and can be released.
   */
  async drained(): Promise<void> {
    await Promise.allSettled([this.inFlight, ...this.filling].map((f) => f?.promise));
  }

  /**
   * Resolves once a render can be played (the first progressive chunk is enough), or once nothing
   * is pending any more without one (the render failed: the caller goes on without sound).
   */
  async playable(): Promise<void> {
    while (!this.ready && !this.stopped && (this.inFlight || this.debounce || this.pendingVersion !== 0)) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Waits until nothing is pending or rendering (tests, boot warm-up). */
  async idle(): Promise<void> {
    for (let i = 0; i < 100_000 && (this.inFlight || this.debounce || this.filling.size); i++) {
      await this.inFlight?.promise;
      for (const f of [...this.filling]) await f.promise;
      await new Promise((r) => setImmediate(r));
    }
  }

  /** Stops rendering: nothing new starts, renders still being written are asked to stop, late results are dropped quietly. */
  stop(): void {
    this.stopped = true;
    if (this.debounce) this.options.clock.clearTimer(this.debounce);
    if (this.publishTimer) this.options.clock.clearTimer(this.publishTimer);
    this.debounce = this.publishTimer = undefined;
    this.awaitingVoice = undefined;
    for (const f of [this.inFlight, ...this.filling]) if (f?.target) stopWriting(f.target);
    this.wake();
  }

  /** Stops the render in flight before it is published: it is dropped when it returns, its buffer recycled. */
  private abandonInFlight(): void {
    const flight = this.inFlight;
    if (!flight) return;
    this.inFlight = undefined;
    if (flight.target) stopWriting(flight.target);
    if (this.publishTimer) this.options.clock.clearTimer(this.publishTimer);
    this.publishTimer = undefined;
  }

  /** Lets `playable()` look again (a render was published, failed or the engine stopped). */
  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w();
  }

  private startNext(hurried = false): void {
    const forGate = hurried || this.pendingForGate;
    if (this.stopped || this.inFlight || (this.awaitingVoice && !forGate) || !this.latestFrames || this.pendingVersion === 0) return;
    this.awaitingVoice = undefined;
    const version = this.pendingVersion;
    const frames = this.latestFrames;
    this.pendingVersion = 0;
    this.pendingForGate = false;
    this.lastStartAt = this.options.clock.now();
    const renderer = this.renderer;
    const total = frames.length * renderer.hop;
    // A progressive render starts at the scrub position, where voices and grains start reading
    // (what plays first is written first; the model sees the curve from there, as a sound that
    // begins there); the part before it follows (a margin before the scrub position would cost a
    // gate its first chunk twice over).
    const startFrame = Math.min(frames.length - 1, Math.floor(this.startAt() * frames.length));
    const voiceFrame = forGate ? -1 : this.voiceFrame(startFrame, frames.length, renderer.hop, renderer.sampleRate);
    const target = renderer.renderInto ? spanTarget(total, renderer.hop, startFrame, voiceFrame, this.options.buffers) : undefined;
    const grainEnd = target && !forGate ? this.loopGrainEnd(total, target.regionStart, renderer) : 0;
    let startedMs = 0;
    const flight: InFlight = {
      version, requestedAt: this.pendingAt, startedAt: performance.now(), modelId: renderer.id, target,
      promise: Promise.resolve()
        .then(() => {
          startedMs = performance.now();
          return target ? this.renderSpans(renderer, frames, target, forGate, Math.ceil(grainEnd / renderer.hop)).then(() => target.audio) : renderer.render(frames, this.seed);
        })
        .then(
          (audio) => {
            // A render stopped early says nothing of the model's speed.
            if (!target || !Atomics.load(target.cancel, 0)) {
              this.lastRenderMs = performance.now() - startedMs;
              this.rtf = this.lastRenderMs / 1000 / (total / renderer.sampleRate);
            }
            flight.result = audio;
          },
          (err: unknown) => void (flight.failed = err ?? new Error('render failed')),
        )
        .then(() => {
          flight.settled = true;
          if (this.timing.kind === 'real' && !this.stopped) {
            if (flight.early) this.finishFilling(flight);
            else this.finish(flight);
          }
          this.recycle();
        }),
    };
    if (target?.pooled) this.pooled.add(flight);
    this.inFlight = flight;
    // The newer render goes first: renders still being written stop after the chunk they are on
    // (what they have written stays playable until this one is published).
    for (const f of this.filling) stopWriting(f.target!);
    // On the virtual clock the modelled real-time factor sizes the lead, never a measured one.
    const rtf = this.timing.kind === 'virtual' ? this.timing.rtf : this.rtf;
    const regionStart = target?.regionStart ?? 0;
    const regionEnd = target ? partEnds(target).region : total;
    const lead = Math.min(regionEnd - regionStart, Math.max(this.leadSamples(renderer.hop, rtf), (startFrame + 1) * renderer.hop - regionStart, grainEnd));
    if (this.timing.kind === 'virtual') {
      // Virtual time stands still until the render has really finished, so it is always ready
      // when due, whatever the machine's speed. A progressive render is due once its lead is.
      this.options.clock.hold(flight.promise);
      const audioMs = ((target ? lead : total) * 1000) / renderer.sampleRate;
      const cost = Math.max(this.timing.minMs, audioMs * this.timing.rtf);
      this.publishTimer = this.options.clock.setTimer(() => {
        this.publishTimer = undefined;
        this.finish(flight);
      }, cost);
    } else if (target) {
      this.publishWhenWritten(flight, target, lead, Math.min(LEAD_FRAMES * renderer.hop, partEnds(target).voice - target.voiceStart));
    }
  }

  /**
   * The engine can take the next render (the one before was published, or its part at the voice
   * written): the newest request starts now, its debounce or not. Requests made while a render
   * ran have coalesced already, and under CVs that never rest the debounce re-armed by each scan
   * held every render for up to another 4 ms after the one before it (FRAVE under four LFOs: 90 %
   * of renders started 4 to 5 ms after the engine was free).
   */
  private startPending(): void {
    if (this.pendingVersion === 0) return;
    if (this.debounce) this.options.clock.clearTimer(this.debounce);
    this.debounce = undefined;
    this.startNext();
  }

  private startAt(): number {
    return Math.min(1, Math.max(0, this.options.startAt?.() ?? 0));
  }

  /**
   * The frame a render also starts writing at for the voice sounding now (see `continueFrom`), or
   * -1: no voice, it is still inside the region's first chunk (the region reaches it first), or it
   * is at the very start (the prefix starts there). A voice before the scrub position (the scrub
   * moved back past it, or a gate started it before the scrub moved on) gets its part too: without
   * one it heard the new CVs only once the prefix was written, after the whole region, which under
   * CVs that never rest (an LFO on the scrub) stopped every render first: 250 ms of nothing new.
   */
  private voiceFrame(startFrame: number, frames: number, hop: number, sampleRate: number): number {
    const at = this.options.continueFrom?.() ?? -1;
    if (at < 0) return -1;
    // The voice plays on while the part's first chunk is computed (under load 20-50 ms, a frame or
    // two of sound): the part starts at the earliest frame whose first chunk still holds the voice
    // when written, with half its usual time again as margin. A part started where the voice was
    // when asked was passed before it was written (the voice heard none of them for 250 ms under
    // an LFO, bench:patches); one started where the voice would be after the usual time (a frame
    // boundary ahead of it) made the voice wait for that boundary whenever the chunk came sooner:
    // 15 ms at p90, 35 at p99 after the part was written.
    const margin = (1.5 * this.voiceLeadMs * sampleRate) / 1000;
    const frame = Math.max(Math.floor(at / hop), Math.floor((at + margin) / hop) - (LEAD_FRAMES - 1));
    if (frame > 0 && frame < startFrame) return frame;
    return frame >= startFrame + LEAD_FRAMES && frame < frames ? frame : -1;
  }

  /**
   * While gate 2 loops: samples from `regionStart` to where a loop grain ends (it starts at the
   * scrub position, a grain before the end at most), so the render is published, and its first
   * chunk asked, long enough for the grains to take it; 0 when the loop is off.
   */
  private loopGrainEnd(total: number, regionStart: number, renderer: ModelRenderer): number {
    const grain = Math.round(((this.options.loopGrainMs?.() ?? 0) * renderer.sampleRate) / 1000);
    if (grain <= 0) return 0;
    return grainStartAt(this.startAt(), total, grain) + grain - regionStart;
  }

  /**
   * Samples past the start position a progressive render needs before it can play without a
   * voice catching up with the writer: the first chunk, or more when the model is slow (its last
   * real-time factor times the second chunk, with half again as margin; later chunks grow with
   * what is written before them). The factor is measured over whole renders, waits included, so
   * it errs long.
   */
  private leadSamples(hop: number, rtf: number): number {
    return Math.max(LEAD_FRAMES, Math.ceil(rtf * 1.5 * SECOND_CHUNK_FRAMES)) * hop;
  }

  /**
   * Model calls into one shared buffer: the region from `regionStart` first (to the voice's
   * part, when there is one, which starts at the same time: it continues the same sound from
   * where the voice is), then the prefix before the region (skipped when a newer render has
   * asked this one to stop). `urgent` (a gate's render: its voice may wait for it) marks the
   * region's request only: nobody waits for the prefix. The voice's part is `sounding`: the voice
   * hears the new CVs when its first chunk lands. `regionFirstFrames`: frames the region's first
   * chunk should hold (RenderTarget.firstFrames) when the loop needs more than the model's own.
   */
  private async renderSpans(renderer: ModelRenderer, frames: number[][], t: SpanTarget, urgent: boolean, regionFirstFrames: number): Promise<void> {
    const hop = renderer.hop;
    const first = t.regionStart / hop;
    const sound = frames.slice(first);
    // The prefix and the region are two sounds: the prefix's ends where the region's begins.
    const before = frames.slice(0, first);
    const ends = partEnds(t);
    const firstFrames = regionFirstFrames > LEAD_FRAMES ? { firstFrames: regionFirstFrames } : {};
    // On the real clock the readers say how far they have played each part, and the model writes
    // no further ahead of them than it needs to until the render has settled (RenderTarget.played).
    const paced = this.timing.kind === 'real';
    const played = (counter: Int32Array): { played?: Int32Array } => (paced ? { played: counter } : {});
    const region = renderer.renderInto!(sound, this.seed, { audio: t.audio.subarray(t.regionStart, ends.region), ready: t.regionWritten, cancel: t.cancel, urgent, origin: first, ...firstFrames, ...played(t.regionPlayed) });
    const voice = t.voiceStart === 0
      ? undefined
      : t.voiceStart > t.regionStart
        ? renderer.renderInto!(sound, this.seed, { audio: t.audio.subarray(t.voiceStart, ends.voice), ready: t.voiceWritten, cancel: t.cancel, from: (t.voiceStart - t.regionStart) / hop, sounding: true, origin: first, ...played(t.voicePlayed) })
        : renderer.renderInto!(before, this.seed, { audio: t.audio.subarray(t.voiceStart, ends.voice), ready: t.voiceWritten, cancel: t.cancel, from: t.voiceStart / hop, sounding: true, ...played(t.voicePlayed) });
    await Promise.all([region, voice]);
    if (first > 0 && !Atomics.load(t.cancel, 0)) {
      await renderer.renderInto!(before, this.seed, { audio: t.audio.subarray(0, ends.prefix), ready: t.prefixWritten, cancel: t.cancel, ...played(t.prefixPlayed) });
    }
  }

  /**
   * Real clock: publishes the render as soon as `lead` samples of its region are written (it goes
   * on filling); with a part at the sounding voice, the next request then waits for `voiceLead`
   * samples of that part (see `awaitingVoice`).
   */
  private publishWhenWritten(flight: InFlight, target: SpanTarget, lead: number, voiceLead: number): void {
    watchCounter(target.regionWritten, () => {
      if (this.inFlight !== flight || flight.result || flight.failed !== undefined) return true;
      if (Atomics.load(target.regionWritten, 0) < lead) return false;
      // Published: it goes on filling in the background while the next request may start.
      flight.early = true;
      this.inFlight = undefined;
      this.filling.add(flight);
      this.renders++;
      this.publish(flight, target.audio, target.spans);
      if (target.voiceStart > 0) this.awaitVoicePart(flight, target, voiceLead);
      this.startPending();
      return true;
    });
  }

  /** Holds the next request until the render's part at the voice has `lead` samples, or it stopped, or VOICE_WAIT_MS passed. */
  private awaitVoicePart(flight: InFlight, target: SpanTarget, lead: number): void {
    this.awaitingVoice = flight;
    const giveUpAt = performance.now() + VOICE_WAIT_MS;
    watchCounter(target.voiceWritten, () => {
      if (this.awaitingVoice !== flight) return true;
      const written = Atomics.load(target.voiceWritten, 0);
      const now = performance.now();
      if (written < lead && !flight.settled && !Atomics.load(target.cancel, 0) && now < giveUpAt) return false;
      // A part stopped by a newer render says nothing of how long one takes; one given up on, at least that.
      if (written >= lead || now >= giveUpAt) {
        const took = now - flight.startedAt;
        this.voiceLeadMs = this.voiceLeadMs === 0 ? took : this.voiceLeadMs + (took - this.voiceLeadMs) * VOICE_LEAD_GAIN;
      }
      this.awaitingVoice = undefined;
      this.startPending();
      return true;
    });
  }

  /**
   * Gives pooled buffers back once nothing here needs them: the model has returned, the render is
   * neither waiting to be published nor still filling, and it is neither the ready render nor the
   * last complete one (a failed render falls back to that).
   */
  private recycle(): void {
    const buffers = this.options.buffers;
    if (!buffers) return;
    for (const f of this.pooled) {
      const audio = f.target!.audio;
      if (!f.settled || this.inFlight === f || this.filling.has(f) || this.ready?.audio === audio || this.complete?.audio === audio) continue;
      this.pooled.delete(f);
      buffers.release(audio);
    }
  }

  /** Makes a render the one that plays; older renders still being written are asked to stop. */
  private publish(flight: InFlight, audio: Float32Array, filling: Int32Array | null): void {
    this.ready = { version: flight.version, audio, filling, modelId: flight.modelId, requestedAt: flight.requestedAt, readyAt: this.options.clock.now() };
    for (const f of this.filling) if (f.version < flight.version) stopWriting(f.target!);
    this.options.onReady(this.ready);
    this.recycle();
    this.wake();
  }

  /** A published progressive render has finished writing, stopped because a newer one replaced it, or failed. */
  private finishFilling(flight: InFlight): void {
    this.filling.delete(flight);
    const target = flight.target!;
    const current = this.ready?.version === flight.version;
    const stopped = Atomics.load(target.cancel, 0) === 1 && !complete(target);
    if (flight.failed !== undefined && !stopped) {
      this.failures++;
      this.options.onError?.(new NeurorackError('NR_RENDER_FAILED', `render ${flight.version} with model "${flight.modelId}" failed while playing: ${(flight.failed as Error)?.message ?? String(flight.failed)}; the last complete render comes back`, { plugin: flight.modelId }, { cause: flight.failed }));
      this.withdraw(flight, current);
    } else if (stopped || flight.failed !== undefined) {
      seal(target);
    } else if (!allFinite(target.audio)) {
      this.failures++;
      this.options.onError?.(new NeurorackError('NR_RENDER_FAILED', `render ${flight.version} with model "${flight.modelId}" holds NaN or infinite samples (muted while playing); the last complete render comes back`, { plugin: flight.modelId }));
      this.withdraw(flight, current);
    } else {
      if (current) {
        this.ready = { ...this.ready!, filling: null };
        this.complete = this.ready;
        // The audio path learns it is complete: a trigger may fall back to it while a newer render fills.
        this.options.onReady(this.ready);
      }
    }
  }

  private finish(flight: InFlight): void {
    if (this.inFlight !== flight) return;
    this.inFlight = undefined;
    const audio = flight.result;
    if (flight.failed !== undefined || !audio) {
      this.failures++;
      const why = flight.failed === undefined ? 'it had not finished when due (call settle() before advancing a virtual clock)' : (flight.failed as Error)?.message ?? String(flight.failed);
      this.options.onError?.(new NeurorackError('NR_RENDER_FAILED', `render ${flight.version} with model "${flight.modelId}" failed: ${why}; the last ready render stays`, { plugin: flight.modelId }, { cause: flight.failed }));
    } else if (!allFinite(audio)) {
      this.failures++;
      this.options.onError?.(new NeurorackError('NR_RENDER_FAILED', `render ${flight.version} with model "${flight.modelId}" holds NaN or infinite samples; the last ready render stays`, { plugin: flight.modelId }));
    } else {
      this.renders++;
      this.publish(flight, audio, null);
      this.complete = this.ready;
    }
    this.startPending();
    this.wake();
  }

  /**
   * A progressive render that failed after it was published: the unwritten rest is silenced (the
   * voices reading it end there; the mixer drops non-finite samples) and the last complete render
   * is published again.
   */
  private withdraw(flight: InFlight, current: boolean): void {
    seal(flight.target!);
    if (current && this.complete) this.publish({ ...flight, version: this.complete.version, modelId: this.complete.modelId }, this.complete.audio, null);
  }
}

/** A progressive render's buffer: `spans` (see written-span.ts) says what is written, `cancel` asks the model to stop. */
interface SpanTarget {
  /** From the engine's `buffers` (to be given back), not fresh memory. */
  readonly pooled: boolean;
  readonly audio: Float32Array;
  readonly spans: Int32Array;
  readonly regionStart: number;
  /** Where the voice's part starts (0: none). */
  readonly voiceStart: number;
  /** Views of `spans` the model calls count into. */
  readonly prefixWritten: Int32Array;
  readonly regionWritten: Int32Array;
  readonly voiceWritten: Int32Array;
  /** Views of `spans` the readers count into, one per part (RenderTarget.played). */
  readonly prefixPlayed: Int32Array;
  readonly regionPlayed: Int32Array;
  readonly voicePlayed: Int32Array;
  readonly cancel: Int32Array;
}

/** A span target in shared memory (from `buffers` when one is free), so the audio worker reads it while the model writes it. */
function spanTarget(samples: number, hop: number, regionStartFrame: number, voiceFrame: number, buffers?: RenderBuffers): SpanTarget {
  const pooled = buffers?.acquire(samples);
  const spans = pooled?.spans ?? new Int32Array(new SharedArrayBuffer(WRITTEN_SPAN_SLOTS * 4));
  const regionStart = regionStartFrame * hop;
  const voiceStart = voiceFrame > 0 ? voiceFrame * hop : 0;
  spans[REGION_START] = regionStart;
  spans[VOICE_START] = voiceStart;
  return {
    pooled: pooled !== undefined,
    audio: pooled?.audio ?? new Float32Array(new SharedArrayBuffer(samples * 4)), spans, regionStart, voiceStart,
    voiceWritten: new Int32Array(spans.buffer, VOICE_WRITTEN * 4, 1),
    prefixWritten: new Int32Array(spans.buffer, PREFIX * 4, 1),
    // Without a prefix the region is the whole render: the model counts into the prefix itself.
    regionWritten: new Int32Array(spans.buffer, (regionStart > 0 ? REGION_WRITTEN : PREFIX) * 4, 1),
    prefixPlayed: new Int32Array(spans.buffer, PREFIX_PLAYED * 4, 1),
    regionPlayed: new Int32Array(spans.buffer, (regionStart > 0 ? REGION_PLAYED : PREFIX_PLAYED) * 4, 1),
    voicePlayed: new Int32Array(spans.buffer, VOICE_PLAYED * 4, 1),
    cancel: pooled?.cancel ?? new Int32Array(new SharedArrayBuffer(4)),
  };
}

function complete(t: SpanTarget): boolean {
  return readableEnd(t.spans, 0, t.audio.length) >= t.audio.length;
}

/**
 * Ends a progressive render where it stopped: the unwritten parts are silence, readable to the
 * end, so voices and grains still reading it can finish (voices move to a newer or complete render
 * before its written end when they can: see BlockMixer).
 */
function seal(t: SpanTarget): void {
  const ends = partEnds(t);
  const fillFrom = (start: number, counter: number, end: number): void => void t.audio.fill(0, Math.min(end, start + Atomics.load(t.spans, counter)), end);
  if (t.regionStart > 0) {
    fillFrom(0, PREFIX, ends.prefix);
    fillFrom(t.regionStart, REGION_WRITTEN, ends.region);
  } else {
    fillFrom(0, PREFIX, ends.region);
  }
  if (t.voiceStart > 0) fillFrom(t.voiceStart, VOICE_WRITTEN, ends.voice);
  Atomics.store(t.spans, STOPPED, SEALED);
}

/**
 * Where each part of a span target ends: each runs to the start of the part after it along the
 * sound (prefix, then region and voice's part in either order), the last to the end.
 */
function partEnds(t: SpanTarget): { prefix: number; region: number; voice: number } {
  const length = t.audio.length;
  const voiceFirst = t.voiceStart > 0 && t.voiceStart < t.regionStart;
  return {
    prefix: voiceFirst ? t.voiceStart : t.regionStart,
    region: t.voiceStart > t.regionStart ? t.voiceStart : length,
    voice: voiceFirst ? t.regionStart : length,
  };
}

/**
 * Asks a render's model to stop after the chunk in progress, and tells its readers so. A model
 * pacing a part (laterChunkWanted waits on its played counter) is woken to see the stop at once,
 * so a stopped render lets go of what it holds without waiting out its poll.
 */
function stopWriting(t: SpanTarget): void {
  Atomics.store(t.cancel, 0, 1);
  if (Atomics.load(t.spans, STOPPED) === 0) Atomics.store(t.spans, STOPPED, STOPPING);
  for (const played of [t.prefixPlayed, t.regionPlayed, t.voicePlayed]) Atomics.notify(played, 0);
}

/**
 * Calls `done` until it returns true: at once, then each time a model thread moves `counter` (or
 * every 2 ms). Holds no thread while it waits.
 */
function watchCounter(counter: Int32Array, done: () => boolean): void {
  const look = (): void => {
    const seen = Atomics.load(counter, 0);
    if (done()) return;
    const w = (Atomics as unknown as AtomicsWaitAsync).waitAsync(counter, 0, seen, 2);
    if (w.async) void w.value.then(look);
    else setImmediate(look);
  };
  look();
}

/** Node 20 has Atomics.waitAsync; the ES2022 lib typings do not. */
interface AtomicsWaitAsync {
  waitAsync(a: Int32Array, index: number, value: number, timeoutMs?: number): { async: false; value: string } | { async: true; value: Promise<string> };
}

function allFinite(a: Float32Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i]!)) return false;
  return true;
}
