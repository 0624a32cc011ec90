import type { RackConfig } from '../../config/rack-config';
import type { NeurorackError } from '../../errors/neurorack-error';
import type { PluginLoader } from '../../plugins/plugin-loader';
import type { Clock } from '../../scheduler/clock';
import { MonotonicClock } from '../../scheduler/monotonic-clock';
import { Scheduler } from '../../scheduler/scheduler';
import { VirtualClock } from '../../scheduler/virtual-clock';
import { buildInstrument } from '../build-instrument';
import type { DescriptorFrames } from '../descriptor-frames';
import { LatencyProbe } from '../latency-probe';
import type { ModelRenderer } from '../model-renderer';
import { EmulatedRig } from './emulated-rig';
import type { Replay } from './replay-file';
import { percentile, type ReplayMetrics } from './replay-metrics';

export interface ReplayRunOptions {
  readonly config: RackConfig;
  readonly replay: Replay;
  readonly plugins: PluginLoader;
  readonly renderer: ModelRenderer;
  readonly entries: { readonly a: DescriptorFrames; readonly b: DescriptorFrames };
  /** Real clock with the worker audio path, instead of the virtual clock. */
  readonly realtime?: boolean;
  /** Virtual clock: render cost as a real-time factor of the audio rendered (default 0.25). */
  readonly virtualRtf?: number;
  /** Models to cycle through on `switch` cues (soak), and the cue period in s. */
  readonly switchEvery?: { readonly seconds: number; readonly renderers: readonly ModelRenderer[]; readonly banks?: ReadonlyArray<{ a: DescriptorFrames; b: DescriptorFrames }> };
  readonly onError?: (err: NeurorackError) => void;
  /** Called about once a second of replay time (progress, RSS sampling). */
  readonly onSecond?: (second: number) => void;
}

export interface ReplayResult {
  /** What the sound card received, interleaved at its rate. */
  readonly audio: Float32Array;
  readonly sampleRate: number;
  readonly channels: number;
  readonly metrics: ReplayMetrics;
}

/**
 * Plays a replay through the emulated module: events go to the emulated chips on the clock, the
 * instrument plays, the emulated sound card keeps what it received. On the virtual clock the
 * whole run is deterministic (renders are published at modelled times, see RenderTiming).
 */
export async function runReplay(o: ReplayRunOptions): Promise<ReplayResult> {
  const realtime = o.realtime ?? false;
  const clock: Clock = realtime ? new MonotonicClock() : new VirtualClock();
  const errors: NeurorackError[] = [];
  const onError = (err: NeurorackError): void => {
    errors.push(err);
    o.onError?.(err);
  };
  const scheduler = new Scheduler(clock, (id, err) => onError(err as NeurorackError));
  const blockSize = o.config.audio.blockSize;
  const rig = new EmulatedRig(o.config, clock, 512);
  await rig.open();
  const probe = new LatencyProbe(22050);
  const cvPending: number[] = [];
  const { instrument, audio } = await buildInstrument({
    config: o.config, clock, scheduler, plugins: o.plugins, cvAdc: rig.cvAdc, gates: rig.gates, audioOut: rig.audio.audioOut,
    renderer: o.renderer, entries: o.entries, audioPath: realtime ? 'worker' : 'sync',
    timing: realtime ? { kind: 'real' } : { kind: 'virtual', rtf: o.virtualRtf ?? 0.25, minMs: 12 },
    onError,
    onControl: (scanTime, version) => {
      while (cvPending.length && cvPending[0]! <= scanTime) probe.cvChange(cvPending.shift()!, version);
    },
  });
  audio.onBlock((block, info, now) => probe.onBlock(block, info, now));
  scheduler.start();
  const startPromise = instrument.start();
  if (clock instanceof VirtualClock) {
    // Virtual time stands still while the first render is computed: ready-to-play is immediate.
    while (!(await Promise.race([startPromise.then(() => true), new Promise<false>((r) => setImmediate(() => r(false)))]))) {
      await clock.advance(1);
    }
  }
  await startPromise;
  const coldStartMs = performance.now();
  const t0 = clock.now();
  let ignored = 0;
  for (const e of o.replay.events) {
    const at = t0 + e.t * 1000;
    clock.setTimer(() => {
      if (e.type === 'cv') {
        rig.setCv(e.jack, e.volts);
        cvPending.push(at);
      } else if (e.type === 'gate') {
        rig.setGate(e.jack, e.state === 'high');
        if (e.state === 'high' && o.config.assignments[e.jack === 1 ? 'gate1' : 'gate2'] !== 'none') probe.gateHigh(at);
      } else ignored++; // encoder and button: no instrument function yet
    }, at - clock.now());
  }
  if (o.switchEvery) {
    const sw = o.switchEvery;
    let n = 0;
    const cue = (): void => {
      n++;
      const r = sw.renderers[n % sw.renderers.length];
      if (r && sw.renderers.length > 1) instrument.switchModel(r);
      const bank = sw.banks?.[n % sw.banks.length];
      if (bank) instrument.setEntries(bank.a, bank.b);
      clock.setTimer(cue, sw.seconds * 1000);
    };
    clock.setTimer(cue, sw.seconds * 1000);
  }
  const endAt = t0 + o.replay.duration_s * 1000;
  let second = 0;
  if (clock instanceof VirtualClock) {
    const step = (blockSize * 1000) / 22050;
    while (clock.now() < endAt) {
      const target = Math.min(endAt, clock.now() + step);
      if (instrument.engine.publishDueAt <= target + step) await instrument.engine.settle();
      await clock.advanceTo(target);
      if (clock.now() - t0 >= (second + 1) * 1000) o.onSecond?.(++second);
    }
  } else {
    while (clock.now() < endAt) {
      await clock.sleep(Math.min(1000, endAt - clock.now()));
      if (clock.now() - t0 >= (second + 1) * 1000 - 1) o.onSecond?.(++second);
    }
  }
  const xruns = audio.xruns;
  const schedulerMetrics = scheduler.metrics();
  scheduler.stop();
  await instrument.stop();
  await rig.close();
  const card = rig.audio.card;
  const metrics: ReplayMetrics = {
    clock: realtime ? 'realtime' : 'virtual',
    duration_s: o.replay.duration_s,
    block_size: blockSize,
    block_ms: (blockSize * 1000) / 22050,
    xruns,
    gate_to_sound_ms: probe.gateToSoundMs.map(round3),
    gate_to_sound_p99_ms: round3n(percentile(probe.gateToSoundMs, 99)),
    cv_to_audible_ms: probe.cvToAudibleMs.map(round3),
    cv_to_audible_p99_ms: round3n(percentile(probe.cvToAudibleMs, 99)),
    cold_start_ms: round3(coldStartMs),
    renders: instrument.engine.renders,
    render_failures: instrument.engine.failures,
    mapping_failures: errors.filter((e) => e.code.startsWith('NR_MAPPING')).length,
    events_ignored: ignored,
    model: instrument.engine.modelId,
    scheduler: schedulerMetrics,
  };
  return { audio: card.recorded(), sampleRate: card.rate, channels: card.channels, metrics };
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

function round3n(v: number | null): number | null {
  return v === null ? null : round3(v);
}
