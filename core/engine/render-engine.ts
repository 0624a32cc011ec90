import { NeurorackError } from '../errors/neurorack-error';
import type { Clock, TimerHandle } from '../scheduler/clock';
import { holdRealWork } from '../scheduler/hold-real-work';
import type { DescriptorFrames } from './descriptor-frames';
import type { ModelRenderer } from './model-renderer';

/** A finished render, ready to play. Versions grow with every request. */
export interface ReadyRender {
  readonly version: number;
  readonly audio: Float32Array;
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
  /** Requests closer together than this coalesce into one render (newest wins). Default 4 ms. */
  readonly debounceMs?: number;
  readonly timing?: RenderTiming;
  readonly onReady: (render: ReadyRender) => void;
  readonly onError?: (err: NeurorackError) => void;
}

interface InFlight {
  readonly version: number;
  readonly requestedAt: number;
  readonly modelId: string;
  readonly promise: Promise<void>;
  result?: Float32Array;
  failed?: unknown;
  publishAt: number;
}

/**
 * Keeps the next impact ready. A request (new descriptors from the mappings) is debounced, then
 * rendered in the background; while one render runs, newer requests wait and only the newest is
 * rendered next. A failed render is reported and the last ready one stays. Never blocks its caller.
 */
export class RenderEngine {
  private renderer: ModelRenderer;
  private latestFrames: DescriptorFrames | undefined;
  private pendingVersion = 0;
  private pendingAt = 0;
  private nextVersion = 0;
  private inFlight: InFlight | undefined;
  private debounce: TimerHandle | undefined;
  private publishTimer: TimerHandle | undefined;
  private ready: ReadyRender | undefined;
  private readonly timing: RenderTiming;
  private readonly seed: number;
  private readonly debounceMs: number;
  renders = 0;
  failures = 0;
  /** Wall time of the last finished model call, ms (what the stats page shows as inference time). */
  lastRenderMs = 0;

  constructor(private readonly options: RenderEngineOptions) {
    this.renderer = options.renderer;
    this.timing = options.timing ?? { kind: 'real' };
    this.seed = options.seed ?? 1;
    this.debounceMs = options.debounceMs ?? 4;
  }

  /** The newest finished render. */
  latest(): ReadyRender | undefined {
    return this.ready;
  }

  get modelId(): string {
    return this.renderer.id;
  }

  /** Asks for a render of `frames`; returns the version it will carry. */
  request(frames: DescriptorFrames): number {
    this.latestFrames = frames;
    this.pendingVersion = ++this.nextVersion;
    this.pendingAt = this.options.clock.now();
    if (this.debounce) this.options.clock.clearTimer(this.debounce);
    this.debounce = this.options.clock.setTimer(() => {
      this.debounce = undefined;
      this.startNext();
    }, this.debounceMs);
    return this.pendingVersion;
  }

  /** Switches model: the current descriptors are rendered again with it; voices crossfade to it. */
  setRenderer(renderer: ModelRenderer): number | undefined {
    this.renderer = renderer;
    return this.latestFrames ? this.request(this.latestFrames) : undefined;
  }

  /** Virtual timing: when the render in flight will be published (Infinity when none). */
  get publishDueAt(): number {
    return this.inFlight ? this.inFlight.publishAt : Infinity;
  }

  /** Resolves once the render in flight (if any) has finished computing. */
  async settle(): Promise<void> {
    await this.inFlight?.promise;
  }

  /** Waits until nothing is pending or rendering (tests, boot warm-up). */
  async idle(): Promise<void> {
    for (let i = 0; i < 100_000 && (this.inFlight || this.debounce); i++) {
      await this.inFlight?.promise;
      await new Promise((r) => setImmediate(r));
    }
  }

  stop(): void {
    if (this.debounce) this.options.clock.clearTimer(this.debounce);
    if (this.publishTimer) this.options.clock.clearTimer(this.publishTimer);
    this.debounce = this.publishTimer = undefined;
  }

  private startNext(): void {
    if (this.inFlight || !this.latestFrames || this.pendingVersion === 0) return;
    const version = this.pendingVersion;
    const frames = this.latestFrames;
    this.pendingVersion = 0;
    const renderer = this.renderer;
    let startedMs = 0;
    const flight: InFlight = {
      version, requestedAt: this.pendingAt, modelId: renderer.id, publishAt: Infinity,
      promise: Promise.resolve()
        .then(() => {
          startedMs = performance.now();
          return renderer.render(frames, this.seed);
        })
        .then(
          (audio) => {
            this.lastRenderMs = performance.now() - startedMs;
            flight.result = audio;
          },
          (err: unknown) => void (flight.failed = err ?? new Error('render failed')),
        )
        .then(() => {
          if (this.timing.kind === 'real') this.finish(flight);
        }),
    };
    if (this.timing.kind === 'virtual') {
      // Virtual time stands still until the render has really finished, so it is always ready
      // when due, whatever the machine's speed.
      holdRealWork(this.options.clock, flight.promise);
      const audioMs = (frames.length * renderer.hop * 1000) / renderer.sampleRate;
      const cost = Math.max(this.timing.minMs, audioMs * this.timing.rtf);
      flight.publishAt = this.options.clock.now() + cost;
      this.publishTimer = this.options.clock.setTimer(() => {
        this.publishTimer = undefined;
        this.finish(flight);
      }, cost);
    }
    this.inFlight = flight;
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
      this.ready = { version: flight.version, audio, modelId: flight.modelId, requestedAt: flight.requestedAt, readyAt: this.options.clock.now() };
      this.options.onReady(this.ready);
    }
    if (this.pendingVersion !== 0 && !this.debounce) this.startNext();
  }
}

function allFinite(a: Float32Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i]!)) return false;
  return true;
}
