import type { LoadedRack } from '../config/rack-config';
import { buildContainer } from '../container/build-container';
import { bringUpDevices } from '../container/bring-up-devices';
import type { ClockChoices } from '../container/clock-choices';
import type { EmulatedRack } from '../container/emulated-rack';
import { Tokens } from '../container/tokens';
import { AudioThread } from '../engine/audio-thread';
import { mixerOptionsFrom } from '../engine/build-instrument';
import type { NeurorackError } from '../errors/neurorack-error';
import type { Clock } from '../scheduler/clock';
import type { SchemaRegistry } from '../schemas/schema-registry';
import type { HostState } from '../state/host-state';
import type { ScreenRuntime } from '../ui/screen-runtime';
import { BankCache } from '../banks/bank-cache';
import type { DependencyContainer } from 'tsyringe';
import type { ControlThreadStart } from './control/control-thread';
import type { EngineControl } from './control/engine-control';
import type { HostOptions } from './host';
import { readBankList } from './bank-selection';
import { LiveHost } from './live-host';
import { startInline } from './start-inline';
import { bootView, startScreen } from './start-screen';

/** What Host.boot has when the control thread is on its way (see Host.boot). */
export interface HostAssemblyInput {
  readonly rack: LoadedRack;
  readonly schemas: SchemaRegistry;
  readonly clock: Clock;
  /** The clock's choices, made once (Host.boot made them to decide on the control thread). */
  readonly choices: ClockChoices;
  /** The control thread, spawned already; undefined when the instrument runs on this thread. */
  readonly control: ControlThreadStart | undefined;
  readonly adcPins: SharedArrayBuffer | undefined;
  readonly state: HostState | undefined;
  readonly saved: ReturnType<HostState['load']> | undefined;
  readonly modelId: string | undefined;
  readonly onError: (err: NeurorackError) => void;
  readonly progress: (step: string, fraction: number) => void;
  readonly options: HostOptions;
}

/**
 * The rest of the boot, once the rack is read and the control thread spawned: the container, the
 * devices, the screen (the boot page at once), the audio worker, the instrument (on the control
 * thread or here), the banks and the live host. Loaded by Host.boot only then, so that loading it
 * overlaps the control thread's own start.
 */
export async function assembleHost(o: HostAssemblyInput): Promise<{ c: DependencyContainer; engine: EngineControl; emulated: EmulatedRack | undefined; live: LiveHost; screen: ScreenRuntime }> {
  const { rack, clock, control, options, progress } = o;
  const c = buildContainer(rack, { clock, schemas: o.schemas, choices: o.choices });
  options.onContainer?.(c);
  // The banks are read meanwhile too (real work: on a virtual clock, time stands still).
  const bankCache = new BankCache();
  const banksRead = clock.hold(readBankList(bankCache));
  banksRead.catch(() => undefined); // a bank that cannot be read is listed with its problem when the live host lists them
  progress('devices', 0.1);
  const { emulated, displayOpened } = await bringUpDevices(c, { control: control ? 'elsewhere' : 'here', adcPins: o.adcPins, displayInit: o.choices.displayInit }).catch(async (err: unknown) => {
    await control?.abandon();
    throw err;
  });
  if (options.recordAudio === false) emulated?.audio?.card.setRecording(false);
  const boot = { progress: 0.2, step: 'devices' };
  let live: LiveHost | undefined;
  // The screen comes up once the display has run its init sequence: beside the audio worker's
  // start and the model's load on a real clock (see ClockChoices.displayInit), before them otherwise.
  const screenUp = displayOpened.then(() => startScreen(c, () => live?.view() ?? bootView(boot), () => live?.revision() ?? Number.NaN, () => live));
  screenUp.catch(() => undefined); // awaited below, once the engine is up
  if (o.choices.displayInit === 'in-turn') await screenUp;
  const report = (step: string, fraction: number) => {
    Object.assign(boot, { progress: fraction, step });
    progress(step, fraction);
  };
  report('model', 0.4);
  let engine: EngineControl;
  if (control) {
    const audio = new AudioThread({ clock, scheduler: c.resolve(Tokens.Scheduler), audioOut: c.resolve(Tokens.AudioOut) }, mixerOptionsFrom(rack.config));
    // Up beside the model's load, but silent until the instrument can play (AudioThread.start).
    await audio.start({ held: true });
    engine = await control.play(audio).catch(async (err: unknown) => {
      await audio.stop();
      throw err;
    });
    audio.release();
  } else {
    engine = await startInline(c, { onError: o.onError, entries: options.entries, modelId: o.modelId, timing: options.renderTiming });
  }
  const screen = await screenUp.catch(async (err: unknown) => {
    await engine.stop();
    throw err;
  });
  report('bank', 0.8);
  c.resolve(Tokens.Scheduler).start();
  await banksRead.catch(() => undefined);
  const ready = new LiveHost(c, engine, undefined, bankCache, o.state);
  await clock.hold(ready.refreshBanks());
  if (o.saved) await clock.hold(ready.restore(o.saved.settings, options.entries !== undefined));
  for (const warning of o.saved?.warnings ?? []) ready.toast(warning.message, 'warn', warning.code);
  live = ready;
  progress('ready', 1);
  return { c, engine, emulated, live: ready, screen };
}
