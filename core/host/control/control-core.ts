import type { DependencyContainer } from 'tsyringe';
import { Tokens } from '../../container/tokens';
import type { ControlDevices } from '../../devices/i2c-gpio-devices';
import type { AudioPath } from '../../engine/audio-path';
import { buildInstrument } from '../../engine/build-instrument';
import type { DescriptorFrames } from '../../engine/descriptor-frames';
import type { Instrument, InstrumentAudio } from '../../engine/instrument';
import type { ModelRenderer } from '../../engine/model-renderer';
import type { RenderTiming } from '../../engine/render-engine';
import { NeurorackError } from '../../errors/neurorack-error';
import type { InstalledModel } from '../../model-packages/installed-models';
import type { ModelCache } from '../model-cache';
import type { LoadedModel } from '../../model-runtime/model-runtime';
import type { EngineStats } from './engine-control';

export interface ControlCoreOptions {
  /** The rack, clock and plugins of the thread it runs on. */
  readonly c: DependencyContainer;
  readonly devices: ControlDevices;
  readonly audio: InstrumentAudio & Pick<AudioPath, 'setVolume'>;
  readonly entries: { readonly a: DescriptorFrames; readonly b: DescriptorFrames };
  /** The models of this thread, and the one to play first (`ModelCache.loadDefault`). */
  readonly models: ModelCache;
  readonly model: { readonly info?: InstalledModel; readonly renderer: ModelRenderer };
  readonly timing: RenderTiming;
  readonly seed?: number;
  readonly onError: (err: NeurorackError) => void;
}

/**
 * The instrument with the models it plays, on whichever thread reads the gates and CVs: the
 * rack's model loaded (or the additive fallback), the mappings wired, the first sound rendered.
 * The control thread serves it to the main thread by message; on a virtual clock the main thread
 * holds it directly.
 */
export class ControlCore {
  private constructor(
    readonly instrument: Instrument,
    private readonly models: ModelCache,
    private renderer: ModelRenderer,
    private playingId: string | null,
    private readonly o: ControlCoreOptions,
  ) {
    this.fallback = playingId === null ? renderer : undefined;
  }

  /** The additive renderer that played when no model loaded (released at stop). */
  private readonly fallback: ModelRenderer | undefined;

  /** Wires the instrument to the loaded model and renders its first sound; resolves when it can play. */
  static async start(o: ControlCoreOptions): Promise<ControlCore> {
    const { models, model } = o;
    const instrument = await buildInstrument({
      config: o.c.resolve(Tokens.Rack).config, clock: o.c.resolve(Tokens.Clock), plugins: o.c.resolve(Tokens.Plugins),
      devices: o.devices, audio: o.audio, renderer: model.renderer, entries: o.entries, timing: o.timing, seed: o.seed, onError: o.onError,
    });
    await instrument.start();
    return new ControlCore(instrument, models, model.renderer, model.info?.id ?? null, o);
  }

  get playing(): string | null {
    return this.playingId;
  }

  stats(): EngineStats {
    const e = this.instrument.engine;
    const model = this.renderer as Partial<LoadedModel>;
    const inputs = model.inputReport?.();
    const timbres = model.timbres && model.timbre !== undefined ? { timbres: model.timbres.map((t) => t.name), timbre: model.timbre } : {};
    return { renders: e.renders, failures: e.failures, modelId: e.modelId, lastRenderMs: e.lastRenderMs, ...(inputs ? { inputs } : {}), ...timbres };
  }

  setEntries(a: DescriptorFrames, b: DescriptorFrames): void {
    this.instrument.setEntries(a, b);
  }

  /** Plays `id` (loaded now if needed); the current model plays until it is, then voices crossfade. */
  async useModel(id: string, fresh: boolean): Promise<void> {
    const renderer = await this.models.get(id, fresh);
    this.instrument.switchModel(renderer);
    this.renderer = renderer;
    this.playingId = id;
    // A copy this replaced (a reload, a model installed over it) goes once its renders are written.
    this.models.played(id, this.instrument.engine.drained());
  }

  /** See EngineControl.useTimbre. */
  useTimbre(name: string): void {
    const model = this.renderer as Partial<LoadedModel>;
    if (!model.selectTimbre) throw new NeurorackError('NR_TIMBRE_UNSUPPORTED', `the playing model (${this.playingId ?? 'the additive fallback'}) takes no timbre`, { pointer: '/timbre' });
    model.selectTimbre(name);
    this.instrument.switchModel(this.renderer);
  }

  async render(model: string | null, frames: DescriptorFrames, seed: number): Promise<Float32Array> {
    const renderer = model === null ? this.renderer : await this.models.get(model, false);
    return renderer.render(frames, seed);
  }

  trigger(): void {
    this.o.audio.trigger();
  }

  setVolume(volume: number): void {
    this.o.audio.setVolume(volume);
  }

  /** Applies a jack's calibration at once (the ADC reads it per scan). */
  setCalibration(jack: number, calibration: { offset: number; gain: number }): void {
    const j = this.o.c.resolve(Tokens.Rack).config.devices.cvAdc.jacks.find((x) => x.jack === jack);
    if (!j) throw new NeurorackError('NR_CALIBRATION_REFUSED', `CV ${jack} is not configured`);
    j.calibration = { offset: calibration.offset, gain: calibration.gain };
  }

  /** Stops the instrument: no gate, scan or render is acted on any more. */
  halt(): void {
    this.instrument.stop();
  }

  /** Halts, and releases every model it loaded (the fallback too). */
  async stop(): Promise<void> {
    this.halt();
    await this.models.dispose();
    await this.fallback?.dispose?.().catch(() => undefined);
  }
}
