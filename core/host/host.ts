import type { DependencyContainer } from 'tsyringe';
import { loadRack, type RackSource } from '../config/load-rack';
import type { RackConfig } from '../config/rack-config';
import { clockChoices } from '../container/clock-choices';
import { clockFor } from '../container/clock-for';
import type { EmulatedRack } from '../container/emulated-rack';
import { Tokens } from '../container/tokens';
import { audioOutShareable } from '../devices/audio-out/audio-out-shareable';
import { emulatedAdcPins } from '../devices/emulated-board';
import type { AudioObserver } from '../engine/audio-thread';
import type { RenderTiming } from '../engine/render-engine';
import type { NeurorackError } from '../errors/neurorack-error';
import type { Clock } from '../scheduler/clock';
import { installedSchemas } from '../schemas/schema-registry';
import { HostState, type CvCalibration } from '../state/host-state';
import type { ScreenRuntime } from '../ui/screen-runtime';
import { ControlThread } from './control/control-thread';
import { dropPrestarted } from '../threads/prestarted-workers';
import type { EngineControl } from './control/engine-control';
import type { LiveHost } from './live-host';
export interface HostOptions {
  readonly clock?: Clock;
  /** Called with the host's container as soon as it is built, before its devices and plugins start (`start` attributes plugin faults with its loader). */
  readonly onContainer?: (c: DependencyContainer) => void;
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
    // plugins, the devices and the screen come up here. This file loads little, so that this
    // happens early; the rest of the host loads only once the thread is on its way (below).
    const schemas = installedSchemas();
    const rack = loadRack(source, schemas);
    const state = options.stateDir === undefined ? undefined : new HostState(options.stateDir, schemas);
    const saved = state?.load();
    for (const warning of saved?.warnings ?? []) onError(warning);
    if (saved) applyCalibration(rack.config, saved.calibration);
    const modelId = options.modelId ?? saved?.settings.model ?? undefined;
    const clock = options.clock ?? clockFor(rack.config);
    const adcPins = rack.config.devices.cvAdc.binding === 'emulated' ? emulatedAdcPins(rack.config.devices) : undefined;
    const choices = clockChoices(clock);
    const control = ownControlThreadFits(rack.config, choices.controlThread) ? ControlThread.spawn({ rack, adcPins, entries: options.entries, modelId, onError }) : undefined;
    // Loaded now, while the control thread loads its own modules and its model on another core.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { assembleHost } = require('./host-assembly') as typeof import('./host-assembly');
    // Threads prestarted for a host (prestartHostThreads) that this one did not take end here.
    const { c, engine, emulated, live, screen } = await assembleHost({ rack, schemas, clock, choices, control, adcPins, state, saved, modelId, onError, progress, options }).finally(() => void dropPrestarted());
    return new Host(c, engine, emulated, performance.now() - started, live, screen);
  }

  async stop(): Promise<void> {
    await this.engine.stop();
    this.container.resolve(Tokens.Scheduler).stop();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    await (require('./doctor') as typeof import('./doctor')).closeDevices(this.container);
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

