import { parentPort } from 'node:worker_threads';
import { receiveInit } from '../../threads/prestarted-workers';
import { buildContainer } from '../../container/build-container';
import { scheduleCvScans } from '../../container/schedule-cv-scans';
import { Tokens } from '../../container/tokens';
import { buildEmulatedI2cGpioHardware, emulatedHardwareAccess } from '../../devices/emulated-board';
import { createControlDevices, type ControlDevices } from '../../devices/i2c-gpio-devices';
import { realHardwareAccess } from '../../devices/real-hardware-access';
import { AudioCommands, type AudioCommandShare } from '../../engine/audio-commands';
import { replayEntries } from '../replay-entries';
import { asNeurorackError, type NeurorackError } from '../../errors/neurorack-error';
import { InlineFineWaits } from '../../scheduler/inline-fine-waits';
import { MonotonicClock } from '../../scheduler/monotonic-clock';
import { setThreadPriority } from '../../scheduler/thread-priority';
import { ControlCore } from './control-core';
import { ControlMirror } from './control-mirror';
import { ModelCache } from '../model-cache';
import { installPluginFaults } from '../plugin-faults';
import { provideSdkToPlugins } from '../../plugins/sdk-resolution';
import type { ControlAudioMessage, ControlBootMarks, ControlEvent, ControlInit, ControlRequestMessage, ControlStats, WireError } from './control-protocol';

/** The curves reach the main thread (the screen, the panel) at most this often. */
const FRAMES_EVERY_MS = 50;
const STATS_EVERY_MS = 1000;

/**
 * The control thread: reads the gates and the CVs, runs the mappings, asks for renders and
 * triggers the voices, at a raised priority and on its own event loop, so that nothing the main
 * thread does (the screen, the web server, a garbage collection) delays a gate. It owns the CV ADC
 * and the gates (built on the emulated pins the main thread's panel drives, or on the real bus),
 * the models it plays, and the commands to the audio worker; it publishes the latest scan, the
 * gate levels and the playhead in shared memory and everything else by message. It starts as
 * soon as the rack is loaded and brings up its model and devices while the main thread brings up
 * the screen and the audio worker, which it is then given.
 */
async function run(init: ControlInit): Promise<void> {
  marks.started = epochMs();
  // The model and mapping plugins this thread loads get its own SDK (the bundle's).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  provideSdkToPlugins(() => require('../../sdk'));
  const port = parentPort!;
  const post = (event: ControlEvent, transfer: ArrayBuffer[] = []): void => port.postMessage(event, transfer);
  const raised = setThreadPriority('control');
  const report = (err: NeurorackError): void => post({ type: 'error', error: toWire(err) });
  // Requests before the instrument plays wait for it; the audio worker to command comes first.
  let audioShare: (share: AudioCommandShare) => void = () => undefined;
  const audioGiven = new Promise<AudioCommandShare>((resolve) => (audioShare = resolve));
  let serving: Promise<Served> | undefined;
  port.on('message', (m: ControlRequestMessage | ControlAudioMessage) => {
    if (m.op === 'audio') return audioShare(m.audio);
    void serving!.then((s) => s.serve(m)).then(
      (value) => post({ type: 'reply', id: m.id, value }, transferOf(value)),
      (err) => post({ type: 'reply', id: m.id, error: toWire(asNeurorackError(err)) }),
    );
  });
  serving = boot(init, audioGiven, raised, post, report);
  await serving;
  post({ type: 'ready', stats: (await serving).stats(), boot: marks as ControlBootMarks });
}

/** This thread's boot steps (see ControlBootMarks), filled in as it boots. */
const marks: Partial<Record<keyof ControlBootMarks, number>> = {};
const epochMs = (): number => performance.timeOrigin + performance.now();

interface Served {
  serve(m: ControlRequestMessage): Promise<unknown>;
  stats(): ControlStats;
}

/** Everything but the audio first (model, devices, bank, in parallel), then the instrument on the audio worker it is given. */
async function boot(init: ControlInit, audioGiven: Promise<AudioCommandShare>, raised: boolean, post: (e: ControlEvent) => void, report: (e: NeurorackError) => void): Promise<Served> {
  // This thread does little but wait for ADC conversions: it sleeps in place between them.
  const c = buildContainer(init.rack, { clock: new MonotonicClock(new InlineFineWaits()), onTaskError: (id, err) => report(asNeurorackError(err, 'NR_INTERNAL', { device: id })) });
  marks.container = epochMs();
  const clock = c.resolve(Tokens.Clock);
  const scheduler = c.resolve(Tokens.Scheduler);
  const d = init.rack.config.devices;
  // A mapping's (or a model plugin's) fault from a timer or a promise nobody caught marks that
  // plugin failed and is reported on the main thread; the gates go on. Anything else ends this
  // thread, which the main thread reports (NR_CONTROL_THREAD_FAILED).
  const plugins = c.resolve(Tokens.Plugins);
  installPluginFaults({
    plugins: () => plugins.list().map((p) => ({ id: p.id, dir: p.dir })),
    onFault: (id, err) => {
      plugins.markFailed(id, err);
      report(err);
    },
  });
  const models = new ModelCache(c);
  const modelLoading = models.loadDefault(report, init.modelId).then((m) => ((marks.model = epochMs()), m));
  const entries = replayEntries(init.entries.bank, init.entries.a, init.entries.b);
  entries.catch(() => undefined); // awaited below
  const hw = d.cvAdc.binding === 'emulated' ? buildEmulatedI2cGpioHardware(d, clock, { adcPins: init.adcPins }) : undefined;
  const devices: ControlDevices = await createControlDevices(d, { clock, emulated: hw && emulatedHardwareAccess(hw), real: realHardwareAccess(clock) });
  scheduleCvScans(scheduler, devices.cvAdc, d.cvAdc.scanHz);
  marks.devices = epochMs();

  const mirror = new ControlMirror(d.cvAdc.jacks.map((j) => j.jack), d.gates.jacks.map((g) => g.jack), init.mirror);
  devices.cvAdc.onScan((scan) => mirror.publishScan(scan));
  devices.gates.onEdge((event) => {
    mirror.publishGate(event.jack, event.edge === 'rising');
    post({ type: 'edge', event });
  });

  const [model, { a, b }, share] = await Promise.all([modelLoading, entries, audioGiven.then((given) => ((marks.audio = epochMs()), given))]);
  const audio = AudioCommands.attach(share);
  const core = await ControlCore.start({ c, devices, audio, entries: { a, b }, models, model, timing: { kind: 'real' }, seed: init.seed, onError: report });
  marks.playable = epochMs();
  scheduler.start();

  let watching = false;
  let framesSent: unknown;
  core.instrument.onControl((scanTimeMs, version) => {
    mirror.publishEngine(core.instrument.playhead, core.stats().lastRenderMs);
    if (watching) post({ type: 'control', scanTimeMs, version });
  });
  const sendFrames = (): void => {
    const frames = core.instrument.frames;
    if (frames && frames !== framesSent) {
      framesSent = frames;
      post({ type: 'frames', frames });
    }
  };
  sendFrames();
  const framesTimer = setInterval(sendFrames, FRAMES_EVERY_MS);
  const stats = (): ControlStats => {
    const e = core.stats();
    return { tasks: scheduler.metrics(), misses: scheduler.totalMisses(), renders: e.renders, failures: e.failures, modelId: e.modelId, playing: core.playing, raisedPriority: raised, heapUsedBytes: process.memoryUsage().heapUsed, ...(e.inputs ? { inputs: e.inputs } : {}), ...(e.timbres ? { timbres: e.timbres, timbre: e.timbre } : {}) };
  };
  const statsTimer = setInterval(() => post({ type: 'stats', stats: stats() }), STATS_EVERY_MS);

  const stop = async (): Promise<void> => {
    clearInterval(framesTimer);
    clearInterval(statsTimer);
    await core.stop();
    scheduler.stop();
    await Promise.all([devices.cvAdc.close(), devices.gates.close()].map((p) => p.catch(() => undefined)));
  };
  const serve = async (m: ControlRequestMessage): Promise<unknown> => {
    switch (m.op) {
      case 'setEntries': return core.setEntries(m.a, m.b);
      case 'useModel': await core.useModel(m.model, m.fresh); return stats();
      case 'useTimbre': core.useTimbre(m.name); return stats();
      case 'render': return core.render(m.model, m.frames, m.seed);
      case 'sampleRender': return core.instrument.nextCompleteRender(m.after);
      case 'trigger': return core.trigger();
      case 'setVolume': return core.setVolume(m.volume);
      case 'setCalibration': return core.setCalibration(m.jack, m.calibration);
      case 'watchControl': watching = true; return undefined;
      case 'watchGates': core.instrument.onGateStages((stages) => post({ type: 'gate', stages })); return undefined;
      case 'stop': await stop(); return stats();
    }
  };
  return { serve, stats };
}

function toWire(err: NeurorackError): WireError {
  return { code: err.code, message: err.message, location: { ...err.location } };
}

receiveInit<ControlInit>((init) => {
  run(init).catch((err: unknown) => {
    parentPort!.postMessage({ type: 'failed', error: toWire(asNeurorackError(err, 'NR_CONTROL_THREAD_FAILED')) } satisfies ControlEvent);
  });
});

/** The audio a reply carries (a render, or a render sample's copy) moves to the main thread instead of being copied. */
function transferOf(value: unknown): ArrayBuffer[] {
  if (value instanceof Float32Array) return [value.buffer as ArrayBuffer];
  const audio = (value as { audio?: unknown } | undefined)?.audio;
  return audio instanceof Float32Array ? [audio.buffer as ArrayBuffer] : [];
}
