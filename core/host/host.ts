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
import { ThreadedAdditiveRenderer } from '../engine/threaded-additive-renderer';
import type { AudioPath } from '../engine/audio-path';
import { buildInstrument } from '../engine/build-instrument';
import type { Instrument } from '../engine/instrument';
import type { ModelRenderer } from '../engine/model-renderer';
import { replayEntries } from '../engine/replay/replay-entries';
import { asNeurorackError, type NeurorackError } from '../errors/neurorack-error';
import type { Clock } from '../scheduler/clock';
import { VirtualClock } from '../scheduler/virtual-clock';
import type { Display } from '../devices/display/display';
import type { PushButton } from '../devices/button/push-button';
import type { RgbEncoder } from '../devices/encoder/rgb-encoder';
import { buildScreen } from '../ui/build-screen';
import type { HostActions } from '../ui/host-actions';
import type { HostView } from '../ui/host-view';
import { bindUiInputs } from '../ui/input-bindings';
import { LedController } from '../ui/led-state';
import { sampleHostView } from '../ui/sample-host-view';
import type { ScreenRuntime } from '../ui/screen-runtime';
import { Priority } from '../scheduler/scheduler';
import { holdRealWork } from '../scheduler/hold-real-work';
import type { RenderTiming } from '../engine/render-engine';
import { closeDevices } from './doctor';
import { installedModels, loadModel, type InstalledModel } from './installed-models';
import { LiveHost } from './live-host';

export interface HostOptions {
  readonly clock?: Clock;
  /** Boot progress, for the boot page and the console: a step name and 0..1. */
  readonly onProgress?: (step: string, fraction: number) => void;
  /** Errors a plugin or driver reports while running (toasts, console). */
  readonly onError?: (err: NeurorackError) => void;
  /** Entries A and B to start with: a bank (id or path) and entry names or indexes (default: the first shipped bank's first two). */
  readonly entries?: { readonly bank?: string; readonly a?: string; readonly b?: string };
  /** The model to start with instead of the rack's default (an installed model id). */
  readonly modelId?: string;
  /** How render time is accounted; on a VirtualClock the default models it (rtf 0.25, at least 12 ms) so replays are deterministic. */
  readonly renderTiming?: RenderTiming;
  /**
   * Whether the emulated sound card keeps what it plays (default true: replays and tests read it).
   * `neurorack start` passes false: a host that runs for hours must not keep its whole output.
   */
  readonly recordAudio?: boolean;
}

/** Render cost modelled on the virtual clock: a quarter of the audio's duration, at least 12 ms. */
export const VIRTUAL_RENDER_TIMING: RenderTiming = { kind: 'virtual', rtf: 0.25, minMs: 12 };

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
    readonly live: LiveHost,
    readonly screen: ScreenRuntime,
  ) {}

  static async boot(source: RackSource, options: HostOptions = {}): Promise<Host> {
    const started = performance.now();
    const progress = options.onProgress ?? (() => undefined);
    const onError = options.onError ?? ((e) => process.stderr.write(`neurorack: ${e.describe()}\n`));
    progress('rack', 0);
    const c = buildContainer(source, { clock: options.clock });
    const clock = c.resolve(Tokens.Clock);
    // Loading and reading happen in real time; on a virtual clock, time stands still meanwhile.
    const real = <T>(work: Promise<T>): Promise<T> => holdRealWork(clock, work);
    // The model loads (in its worker) and the bank is read while the devices come up.
    const modelLoading = real(loadDefaultModel(c, onError, options.modelId));
    const entriesReading = real(replayEntries(options.entries?.bank, options.entries?.a, options.entries?.b));
    entriesReading.catch(() => undefined); // awaited below; a bad bank fails the boot there
    progress('devices', 0.1);
    const emulated = await bringUpDevices(c);
    if (options.recordAudio === false) emulated?.audio?.card.setRecording(false);
    const boot = { progress: 0.2, step: 'devices' };
    let live: LiveHost | undefined;
    const screen = await startScreen(c, () => live?.view() ?? bootView(boot), () => live?.revision() ?? Number.NaN, () => live);
    const report = (step: string, fraction: number) => {
      Object.assign(boot, { progress: fraction, step });
      progress(step, fraction);
    };
    report('model', 0.4);
    const model = await modelLoading;
    report('bank', 0.8);
    const entries = await entriesReading;
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
      timing: options.renderTiming ?? (clock instanceof VirtualClock ? VIRTUAL_RENDER_TIMING : { kind: 'real' }),
      onError,
    });
    c.resolve(Tokens.Scheduler).start();
    await instrument.start();
    const ready = new LiveHost(c, instrument, audio, model);
    await real(ready.refreshBanks());
    live = ready;
    progress('ready', 1);
    return new Host(c, instrument, audio, model, emulated, performance.now() - started, ready, screen);
  }

  async stop(): Promise<void> {
    await this.instrument.stop();
    this.container.resolve(Tokens.Scheduler).stop();
    await closeDevices(this.container);
    await this.live.dispose();
    if (!this.model.info) await this.model.renderer.dispose?.();
  }
}

/**
 * Builds the screen at once (the boot page shows progress while the model loads, never a blank
 * screen), routes the encoder and the button to it, and drives the LED from the host's state.
 */
async function startScreen(c: DependencyContainer, view: () => HostView, revision: () => number, live: () => LiveHost | undefined): Promise<ScreenRuntime> {
  const clock = c.resolve(Tokens.Clock);
  const scheduler = c.resolve(Tokens.Scheduler);
  const actions = new Proxy({} as HostActions, {
    get: (_t, name: string) => async (...args: unknown[]) => {
      const target = live();
      if (!target) throw new Error('the module is still booting');
      return (target as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[name]!(...args);
    },
  });
  const { runtime } = await buildScreen({ loader: c.resolve(Tokens.Plugins), schemas: c.resolve(Tokens.Schemas), display: c.resolve<Display>(Tokens.Display), clock, view, revision, actions });
  const rack = c.resolve(Tokens.Rack).config;
  scheduler.addPeriodic(runtime.task(rack.devices.display.fps));
  const encoder = c.resolve<RgbEncoder>(Tokens.Encoder);
  bindUiInputs(runtime, { encoder, buttons: [c.resolve<PushButton>(Tokens.Button)] });
  // The LED reads the screen's view of the current revision: nothing is built again while nothing changes.
  const led = new LedController(() => ({ view: runtime.hostView(), ...runtime.status() }), (rgb) => encoder.setColor(rgb.r, rgb.g, rgb.b), () => clock.now());
  scheduler.addPeriodic({ id: 'led', periodMs: 40, priority: Priority.display, run: () => void led.tick() });
  scheduler.start();
  return runtime;
}

/** What the screen shows before the host is ready: the boot page's progress and nothing invented. */
function bootView(boot: { progress: number; step: string }): HostView {
  const base = sampleHostView();
  return {
    ...base, phase: 'booting', boot: { ...boot },
    model: { id: null, name: '', loadingId: null }, models: [], bank: { id: null, entryA: null, entryB: null }, banks: [],
    cvs: [], gates: [], curves: { names: base.curves.names, frames: [], playhead: null }, toasts: [],
    output: { levelDb: -120, peakDb: -120, clipping: false },
    stats: { cpuPercent: 0, memoryMb: process.memoryUsage().rss / 2 ** 20, temperatureC: null, xruns: 0, inferenceMs: 0, deadlineMisses: 0, uptimeS: 0 },
  };
}

/**
 * The rack's default model, else the first installed one. With none installed (or none loading),
 * the instrument still plays through the additive renderer, and the error says why.
 */
async function loadDefaultModel(c: DependencyContainer, onError: (e: NeurorackError) => void, modelId?: string): Promise<{ info?: InstalledModel; renderer: ModelRenderer }> {
  const wanted = modelId ?? c.resolve(Tokens.Rack).config.model.default;
  const models = installedModels();
  const ordered = [...models.filter((m) => m.id === wanted), ...models.filter((m) => m.id !== wanted)];
  for (const info of ordered) {
    try {
      return { info, renderer: await loadModel(c, info) };
    } catch (err) {
      onError(asNeurorackError(err, 'NR_INTERNAL', { file: info.dir }));
    }
  }
  // On the real clock the fallback renders on its own thread, like a model plugin.
  return { renderer: c.resolve(Tokens.Clock) instanceof VirtualClock ? new AdditiveRenderer() : new ThreadedAdditiveRenderer() };
}
