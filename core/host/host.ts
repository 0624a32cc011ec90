import type { DependencyContainer } from 'tsyringe';
import type { RackSource } from '../config/load-rack';
import { bringUpDevices } from '../container/bring-up-devices';
import { buildContainer, clockFor } from '../container/build-container';
import { clockChoices } from '../container/clock-choices';
import { loadRack } from '../config/load-rack';
import { installedSchemas } from '../schemas/schema-registry';
import type { EmulatedRack } from '../container/emulated-rack';
import { Tokens } from '../container/tokens';
import { audioOutShareable } from '../devices/audio-out/create-audio-out';
import { emulatedAdcPins } from '../devices/emulated-board';
import type { RackConfig } from '../config/rack-config';
import type { AudioPath } from '../engine/audio-path';
import { AudioThread, type AudioObserver } from '../engine/audio-thread';
import { mixerOptionsFrom } from '../engine/build-instrument';
import { replayEntries } from './replay-entries';
import type { RenderTiming } from '../engine/render-engine';
import { SyncAudioPath } from '../engine/sync-audio-path';
import { WorkerAudioPath } from '../engine/worker-audio-path';
import type { NeurorackError } from '../errors/neurorack-error';
import type { Clock } from '../scheduler/clock';
import { buildScreen } from '../ui/build-screen';
import type { HostActions } from '../ui/host-actions';
import type { HostView } from '../ui/host-view';
import { bindUiInputs } from '../ui/input-bindings';
import { LedController } from '../ui/led-state';
import { sampleHostView } from '../ui/sample-host-view';
import type { ScreenRuntime } from '../ui/screen-runtime';
import { Priority } from '../scheduler/scheduler';
import { ControlCore } from './control/control-core';
import { ControlThread } from './control/control-thread';
import type { EngineControl } from './control/engine-control';
import { InlineControl } from './control/inline-control';
import { closeDevices } from './doctor';
import { ModelCache } from './model-cache';
import { readBankList } from './bank-selection';
import { LiveHost } from './live-host';
import { BankCache } from '../banks/bank-cache';
import { HostState, type CvCalibration } from '../state/host-state';

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
  /**
   * The state folder (NEURORACK_STATE_DIR; `neurorack start` passes it): the settings and CV
   * calibration saved there are restored at boot and every change is saved there
   * (core/state/host-state.ts). Without it nothing persists (replays, tests).
   */
  readonly stateDir?: string;
}

/**
 * The running module: devices up, the default model loaded and warmed, the instrument playing.
 * Built in one place from the composition root, so `start`, replays and tests boot the same host.
 * The instrument runs where the rack says (`controlThread`): on a control thread of its own, or on
 * the main thread (a virtual clock, or hardware only the main thread can drive).
 */
export class Host {
  private constructor(
    readonly container: DependencyContainer,
    readonly engine: EngineControl,
    readonly emulated: EmulatedRack | undefined,
    readonly coldStartMs: number,
    readonly live: LiveHost,
    readonly screen: ScreenRuntime,
  ) {}

  /** The audio path's blocks and losses. */
  get audio(): AudioObserver {
    return this.engine.audio;
  }

  static async boot(source: RackSource, options: HostOptions = {}): Promise<Host> {
    const started = performance.now();
    const progress = options.onProgress ?? (() => undefined);
    const onError = options.onError ?? ((e) => process.stderr.write(`neurorack: ${e.describe()}\n`));
    progress('rack', 0);
    // The control thread starts first, as soon as the rack is read: its model loads while the
    // plugins, the devices and the screen come up here.
    const schemas = installedSchemas();
    const rack = loadRack(source, schemas);
    const state = options.stateDir === undefined ? undefined : new HostState(options.stateDir, schemas);
    const saved = state?.load();
    for (const warning of saved?.warnings ?? []) onError(warning);
    if (saved) applyCalibration(rack.config, saved.calibration);
    const modelId = options.modelId ?? saved?.settings.model ?? undefined;
    const clock = options.clock ?? clockFor(rack.config);
    const adcPins = rack.config.devices.cvAdc.binding === 'emulated' ? emulatedAdcPins(rack.config.devices) : undefined;
    const control = ownControlThreadFits(rack.config, clockChoices(clock).controlThread) ? ControlThread.spawn({ rack, adcPins, entries: options.entries, modelId, onError }) : undefined;
    const c = buildContainer(rack, { clock, schemas });
    // The banks are read meanwhile too (real work: on a virtual clock, time stands still).
    const bankCache = new BankCache();
    const banksRead = clock.hold(readBankList(bankCache));
    banksRead.catch(() => undefined); // a bank that cannot be read is listed with its problem when the live host lists them
    progress('devices', 0.1);
    const emulated = await bringUpDevices(c, { control: control ? 'elsewhere' : 'here', adcPins }).catch(async (err: unknown) => {
      await control?.abandon();
      throw err;
    });
    if (options.recordAudio === false) emulated?.audio?.card.setRecording(false);
    const boot = { progress: 0.2, step: 'devices' };
    let live: LiveHost | undefined;
    const screen = await startScreen(c, () => live?.view() ?? bootView(boot), () => live?.revision() ?? Number.NaN, () => live);
    const report = (step: string, fraction: number) => {
      Object.assign(boot, { progress: fraction, step });
      progress(step, fraction);
    };
    report('model', 0.4);
    let engine: EngineControl;
    if (control) {
      const audio = new AudioThread({ clock, scheduler: c.resolve(Tokens.Scheduler), audioOut: c.resolve(Tokens.AudioOut) }, mixerOptionsFrom(rack.config));
      await audio.start();
      engine = await control.play(audio).catch(async (err: unknown) => {
        await audio.stop();
        throw err;
      });
    } else {
      engine = await startInline(c, { onError, entries: options.entries, modelId, timing: options.renderTiming });
    }
    report('bank', 0.8);
    c.resolve(Tokens.Scheduler).start();
    await banksRead.catch(() => undefined);
    const ready = new LiveHost(c, engine, undefined, bankCache, state);
    await clock.hold(ready.refreshBanks());
    if (saved) await clock.hold(ready.restore(saved.settings, options.entries !== undefined));
    for (const warning of saved?.warnings ?? []) ready.toast(warning.message, 'warn', warning.code);
    live = ready;
    progress('ready', 1);
    return new Host(c, engine, emulated, performance.now() - started, ready, screen);
  }

  async stop(): Promise<void> {
    await this.engine.stop();
    this.container.resolve(Tokens.Scheduler).stop();
    await closeDevices(this.container);
    await this.live.dispose();
  }
}

/** The stored calibration takes the place of the rack's for the jacks it names. */
function applyCalibration(config: RackConfig, calibration: CvCalibration): void {
  for (const stored of calibration.jacks) {
    const jack = config.devices.cvAdc.jacks.find((j) => j.jack === stored.jack);
    if (jack) jack.calibration = { offset: stored.offset, gain: stored.gain };
  }
}

/**
 * Whether the rack's gates and CVs can be read on a control thread of their own: the rack asks for
 * it, the clock allows it (real time, which every thread keeps), the gates are ones that thread can read
 * itself (through the ADC, or real GPIO lines; an emulated GPIO gate is driven on the main thread)
 * and the audio worker can write the sound card itself (a trigger from the control thread then
 * waits for no other thread).
 */
function ownControlThreadFits(config: RackConfig, clockAllows: boolean): boolean {
  const { gates, audioOut } = config.devices;
  return config.controlThread === 'own' && clockAllows && (gates.binding === 'real' || gates.jacks.every((j) => j.adc)) && audioOutShareable(audioOut);
}

/** The instrument on the main thread: its CV scans on the main scheduler, its audio path synchronous on a virtual clock. */
async function startInline(c: DependencyContainer, o: { onError: (e: NeurorackError) => void; entries?: HostOptions['entries']; modelId?: string; timing?: RenderTiming }): Promise<EngineControl> {
  const clock = c.resolve(Tokens.Clock);
  const config = c.resolve(Tokens.Rack).config;
  const real = <T>(work: Promise<T>): Promise<T> => clock.hold(work);
  const deps = { clock, scheduler: c.resolve(Tokens.Scheduler), audioOut: c.resolve(Tokens.AudioOut) };
  const choices = c.resolve(Tokens.ClockChoices);
  const audio: AudioPath = choices.audioPath === 'worker' ? new WorkerAudioPath(deps, mixerOptionsFrom(config)) : new SyncAudioPath(deps, mixerOptionsFrom(config));
  const devices = { cvAdc: c.resolve(Tokens.CvAdc), gates: c.resolve(Tokens.Gates) };
  // The model loads and the bank is read in real time (held); the first render takes the clock's time.
  const models = new ModelCache(c);
  const [entries, model] = await Promise.all([real(replayEntries(o.entries?.bank, o.entries?.a, o.entries?.b)), models.loadDefault(o.onError, o.modelId)]);
  const core = await ControlCore.start({
    c, devices, audio, entries, models, model, onError: o.onError,
    timing: o.timing ?? choices.renderTiming,
  });
  await audio.start();
  return new InlineControl(core, devices, audio);
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
  const { runtime } = await buildScreen({ loader: c.resolve(Tokens.Plugins), schemas: c.resolve(Tokens.Schemas), display: c.resolve(Tokens.Display), clock, view, revision, actions });
  const rack = c.resolve(Tokens.Rack).config;
  scheduler.addPeriodic(runtime.task(rack.devices.display.fps));
  const encoder = c.resolve(Tokens.Encoder);
  bindUiInputs(runtime, { encoder, buttons: [c.resolve(Tokens.Button)] });
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
    model: { id: null, name: '', loadingId: null }, models: [], bank: { id: null, entryA: null, entryB: null, bankA: null, bankB: null, preview: null }, banks: [],
    community: { registries: [], network: false, listing: null, progress: null },
    cvs: [], gates: [], curves: { names: base.curves.names, frames: [], playhead: null, outside: [] }, follow: null, toasts: [],
    output: { levelDb: -120, peakDb: -120, clipping: false },
    stats: { cpuPercent: 0, memoryMb: process.memoryUsage().rss / 2 ** 20, temperatureC: null, xruns: 0, inferenceMs: 0, deadlineMisses: 0, uptimeS: 0, missedTasks: [] },
  };
}
