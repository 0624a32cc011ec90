import type { DependencyContainer } from 'tsyringe';
import type { RackSource } from '../config/load-rack';
import { bringUpDevices } from '../container/bring-up-devices';
import { buildContainer } from '../container/build-container';
import type { EmulatedRack } from '../container/emulated-rack';
import { Tokens } from '../container/tokens';
import type { AudioOut } from '../devices/audio-out/audio-out';
import type { CvAdc } from '../devices/cv-adc/cv-adc';
import type { GateInputs } from '../devices/gate/gate-inputs';
import { AdditiveRenderer } from '../engine/additive-renderer';
import type { AudioPath } from '../engine/audio-path';
import { buildInstrument } from '../engine/build-instrument';
import type { Instrument } from '../engine/instrument';
import type { ModelRenderer } from '../engine/model-renderer';
import { replayEntries } from '../engine/replay/replay-entries';
import { asNeurorackError, type NeurorackError } from '../errors/neurorack-error';
import type { Clock } from '../scheduler/clock';
import { VirtualClock } from '../scheduler/virtual-clock';
import { closeDevices } from './doctor';
import { installedModels, loadModel, type InstalledModel } from './installed-models';

export interface HostOptions {
  readonly clock?: Clock;
  /** Boot progress, for the boot page and the console: a step name and 0..1. */
  readonly onProgress?: (step: string, fraction: number) => void;
  /** Errors a plugin or driver reports while running (toasts, console). */
  readonly onError?: (err: NeurorackError) => void;
}

/**
 * The running module: devices up, the default model loaded and warmed, the instrument playing.
 * Built in one place from the composition root, so `start`, replays and tests boot the same host.
 */
export class Host {
  private constructor(
    readonly container: DependencyContainer,
    readonly instrument: Instrument,
    readonly audio: AudioPath,
    readonly model: { readonly info?: InstalledModel; readonly renderer: ModelRenderer },
    readonly emulated: EmulatedRack | undefined,
    readonly coldStartMs: number,
  ) {}

  static async boot(source: RackSource, options: HostOptions = {}): Promise<Host> {
    const started = performance.now();
    const progress = options.onProgress ?? (() => undefined);
    const onError = options.onError ?? ((e) => process.stderr.write(`neurorack: ${e.describe()}\n`));
    progress('rack', 0);
    const c = buildContainer(source, { clock: options.clock });
    progress('devices', 0.1);
    const emulated = await bringUpDevices(c);
    progress('model', 0.4);
    const model = await loadDefaultModel(c, onError);
    progress('bank', 0.8);
    const entries = await replayEntries();
    const clock = c.resolve(Tokens.Clock);
    const { config } = c.resolve(Tokens.Rack);
    const { instrument, audio } = await buildInstrument({
      config, clock,
      scheduler: c.resolve(Tokens.Scheduler),
      plugins: c.resolve(Tokens.Plugins),
      cvAdc: c.resolve<CvAdc>(Tokens.CvAdc),
      gates: c.resolve<GateInputs>(Tokens.Gates),
      audioOut: c.resolve<AudioOut>(Tokens.AudioOut),
      renderer: model.renderer,
      entries,
      audioPath: clock instanceof VirtualClock ? 'sync' : 'worker',
      onError,
    });
    c.resolve(Tokens.Scheduler).start();
    await instrument.start();
    progress('ready', 1);
    return new Host(c, instrument, audio, model, emulated, performance.now() - started);
  }

  async stop(): Promise<void> {
    await this.instrument.stop();
    this.container.resolve(Tokens.Scheduler).stop();
    await closeDevices(this.container);
  }
}

/**
 * The rack's default model, else the first installed one. With none installed (or none loading),
 * the instrument still plays through the additive renderer, and the error says why.
 */
async function loadDefaultModel(c: DependencyContainer, onError: (e: NeurorackError) => void): Promise<{ info?: InstalledModel; renderer: ModelRenderer }> {
  const wanted = c.resolve(Tokens.Rack).config.model.default;
  const models = installedModels();
  const ordered = [...models.filter((m) => m.id === wanted), ...models.filter((m) => m.id !== wanted)];
  for (const info of ordered) {
    try {
      return { info, renderer: await loadModel(c, info) };
    } catch (err) {
      onError(asNeurorackError(err, 'NR_INTERNAL', { file: info.dir }));
    }
  }
  return { renderer: new AdditiveRenderer() };
}
