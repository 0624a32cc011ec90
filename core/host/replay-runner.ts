import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RackSource } from '../config/load-rack';
import { Tokens } from '../container/tokens';
import { NeurorackError } from '../errors/neurorack-error';
import { Host } from './host';
import type { Clock, TimerHandle } from '../scheduler/clock';
import { MonotonicClock } from '../scheduler/monotonic-clock';
import { settle } from '../scheduler/settle';
import { VirtualClock } from '../scheduler/virtual-clock';
import { replayStepMs } from '../container/clock-choices';
import { LatencyProbe } from '../engine/latency-probe';
import { JackSteps } from '../engine/replay/jack-steps';
import { PatchCable } from '../engine/replay/patch-cable';
import type { Replay, ReplayEvent } from '../engine/replay/replay-file';
import { percentile, type AudioThreadMetrics, type ReplayMetrics } from '../engine/replay/replay-metrics';
import { AudioThread, type AudioObserver } from '../engine/audio-thread';
import type { EmulatedPcmSink } from '../devices/audio-out/emulated-pcm-sink';
import { WavStreamWriter } from '../audio/wav-stream-writer';
import { RecordTap } from '../engine/replay/record-tap';
import { TimeQueue } from '../engine/replay/time-queue';
import type { ControlBootMarks } from './control/control-protocol';

export interface ReplayRunOptions {
  /** The rack to boot (a profile or a file); its devices must be emulated. */
  readonly source: RackSource;
  readonly replay: Replay;
  /** Real clock with the worker audio path, instead of the virtual clock. */
  readonly realtime?: boolean;
  /** Entries A and B to start with (bank id or path, entry names or indexes). */
  readonly entries?: { readonly bank?: string; readonly a?: string; readonly b?: string };
  /** The installed model to start with (default: the rack's). */
  readonly modelId?: string;
  /** Keep the sound card's output for the result (default true; a long soak only needs metrics). */
  readonly record?: boolean;
  /**
   * Stream what the sound card receives to this WAV file (16-bit, written atomically) instead of keeping it for the result (whose
   * `audio` is then empty), so the take is never held in memory: on the virtual clock the blocks go
   * to disk as they are made; on the real clock what the card plays (the silence of its underruns
   * included) goes to disk as the card's recording is collected.
   */
  readonly recordTo?: string;
  /** Write a PNG of the screen each time it changes into this folder. */
  readonly framesDir?: string;
  /** Soak cues: every `seconds`, switch to the next model of `models` and/or the next entry pair of `entries` (names or indexes in the current bank). */
  readonly switchEvery?: { readonly seconds: number; readonly models?: readonly string[]; readonly entries?: ReadonlyArray<{ readonly a: string; readonly b: string }> };
  readonly onError?: (err: NeurorackError) => void;
  /** Called about once a second of replay time (progress, RSS sampling), with the xruns so far. */
  readonly onSecond?: (second: number, xruns: number) => void;
  /** Called once the host has booted, before the first replay instant (e.g. to serve the panel on it); a function it returns runs before the host stops. */
  readonly onBooted?: (host: Host) => Promise<(() => Promise<void>) | void>;
}

export interface ReplayResult {
  /** What the sound card received from the first replay instant on, interleaved at its rate. */
  readonly audio: Float32Array;
  readonly sampleRate: number;
  readonly channels: number;
  readonly metrics: ReplayMetrics;
  /** PNG files written (when framesDir was given). */
  readonly frames: readonly string[];
}

/**
 * Plays a replay through the whole emulated module: the Host boots exactly as `neurorack start`
 * boots it (devices on the emulated chips, screen, default model, instrument), each event enters
 * at the emulated panel (CV volts and gates at the ADS1015s, turns at the encoder chip, presses on
 * the button's GPIO line), and the emulated sound card keeps what it receives. On the virtual
 * clock the run is deterministic: real work (model loads, renders) holds virtual time still.
 */
export async function runReplay(o: ReplayRunOptions): Promise<ReplayResult> {
  const files: { wav?: WavStreamWriter } = {};
  try {
    const result = await play(o, files);
    await files.wav?.close();
    return result;
  } catch (err) {
    await files.wav?.abort();
    throw err;
  }
}

async function play(o: ReplayRunOptions, files: { wav?: WavStreamWriter }): Promise<ReplayResult> {
  const commandMs = performance.now();
  const steps: Record<string, number> = {};
  const clock: Clock = o.realtime ? new MonotonicClock() : new VirtualClock();
  const errors: NeurorackError[] = [];
  const onError = (err: NeurorackError): void => {
    errors.push(err);
    o.onError?.(err);
  };
  const host = await settle(clock, Host.boot(o.source, { clock, onError, entries: o.entries, modelId: o.modelId, recordAudio: !o.recordTo, onProgress: (step) => void (steps[step] ??= round3(performance.now())) }), 1, 60_000);
  // Process start to ready to play (performance.now() counts from the process's time origin).
  const coldStartMs = performance.now();
  const rack = host.emulated;
  const card = rack?.audio?.card;
  if (!rack || !card) {
    await host.stop();
    throw new NeurorackError('NR_USAGE', 'a replay needs the panel and the sound card emulated (use --profile virtual or test)');
  }
  const beforeStop = await o.onBooted?.(host);
  const config = host.container.resolve(Tokens.Rack).config;
  const probe = new LatencyProbe(host.audio.sampleRate);
  /** Each counted gate-high as applied (clock ms), for gate_at_s. */
  const gatesAt: number[] = [];
  /** Whether each of them was stepped, as the jacks saw the CVs (gate_stepped). */
  const gatesStepped: boolean[] = [];
  const jackSteps = new JackSteps();
  const gateHigh = (at: number): void => {
    probe.gateHigh(at);
    if (gatesAt.length < 100_000) {
      gatesAt.push(at);
      gatesStepped.push(jackSteps.stepped(at));
    }
  };
  const cvPending = new TimeQueue();
  /** Each CV step as applied (cv_steps). */
  const cvSteps: Array<{ jack: number; t: number; at: number }> = [];
  const cvApplied = (e: ReplayEvent & { type: 'cv' }, at: number): void => {
    if (jackSteps.cv(e.jack, e.volts, at) && cvSteps.length < 100_000) cvSteps.push({ jack: e.jack, t: e.t, at });
    cvPending.push(at);
  };
  const gateCounts = (e: ReplayEvent & { type: 'gate' }): boolean => e.state === 'high' && config.assignments[e.jack === 1 ? 'gate1' : 'gate2'] !== 'none';
  // On the real clock the jacks are played by a thread of their own where they are emulated ADC
  // inputs; their events reach the probe in time order, as they were applied.
  const cable = o.realtime ? PatchCable.forRack(config, rack.i2cGpio.adcPins, o.replay.events) : undefined;
  // Plugged in now: its thread's start (and priority) is not part of the replay's time or recording.
  await cable?.plug();
  let cableLateMs = 0;
  const takeApplied = (uptoMs: number): void =>
    cable?.take(uptoMs, (e, at) => {
      cableLateMs = Math.max(cableLateMs, at - (t0 + e.t * 1000));
      if (e.type === 'cv') cvApplied(e, at);
      else if (gateCounts(e)) gateHigh(at);
    });
  const stages = { detect: [] as number[], scan: [] as number[], render_stepped: [] as number[] };
  host.engine.onGateStages((g) => {
    if (stages.detect.length >= 100_000) return;
    stages.detect.push(round3(g.detectMs));
    stages.scan.push(round3(g.scanMs));
    if (g.stepped) stages.render_stepped.push(round3(g.renderMs));
  });
  host.engine.onControl((scanTime, version) => {
    takeApplied(scanTime);
    cvPending.drainUpTo(scanTime, (at) => probe.cvChange(at, version));
  });
  let firstSound: number | null = null;
  host.audio.onBlock((block, info, now) => {
    if (firstSound === null && o.realtime && !silent(block)) firstSound = now;
    takeApplied(now);
    probe.onBlock(block, info, now);
  });

  if (o.recordTo) files.wav = await WavStreamWriter.open(o.recordTo, card.rate, card.channels);
  const tap = files.wav && !o.realtime ? await RecordTap.attach(host.audio, rack.audio!.audioOut, files.wav) : undefined;
  if (o.record === false || files.wav) card.setRecording(false);
  const recordFrom = card.recordedFrames();
  const t0 = clock.now();
  let ignored = 0;
  // Latencies count from the moment an edge or a voltage really reaches the emulated input (on the
  // real clock a timer can fire late; that lateness is not the module's).
  const apply = (e: ReplayEvent): void => {
    const at = clock.now();
    switch (e.type) {
      case 'cv':
        rack.panel.setCvVolts(e.jack, e.volts);
        cvApplied(e, at);
        break;
      case 'gate':
        rack.panel.setGate(e.jack, e.state === 'high');
        if (gateCounts(e)) gateHigh(at);
        break;
      case 'encoder':
        rack.panel.turnEncoder(e.delta);
        break;
      case 'button':
        rack.panel.setButton(e.state === 'down');
        break;
      default:
        ignored++;
    }
  };
  // One timer at a time walks the events, applying every event of an instant in one go: a timer
  // per event made a burst of 200,000 at one instant cost the clock a timer list that long.
  const queued = o.replay.events.filter((e) => !cable?.plays(e));
  let next = 0;
  let cursor: TimerHandle | undefined;
  const playDue = (): void => {
    const due = queued[next]!.t;
    while (next < queued.length && queued[next]!.t === due) apply(queued[next++]!);
    cursor = next < queued.length ? clock.setTimer(playDue, t0 + queued[next]!.t * 1000 - clock.now()) : undefined;
  };
  if (queued.length) cursor = clock.setTimer(playDue, t0 + queued[0]!.t * 1000 - clock.now());
  await cable?.start(t0);
  tap?.start();
  if (files.wav && !tap) {
    const wav = files.wav;
    card.recordInto((samples, count) => wav.write(samples, count));
    card.setRecording(true);
  }
  const stopSwitches = o.switchEvery ? scheduleSwitches(host, clock, o.switchEvery, onError) : () => {};

  const frames = new FrameWriter(o.framesDir, rack.display?.emulator);
  const endAt = t0 + o.replay.duration_s * 1000;
  let second = 0;
  const step = replayStepMs(host.container.resolve(Tokens.ClockChoices), host.audio);
  while (clock.now() < endAt) {
    const target = Math.min(endAt, clock.now() + step);
    await clock.advanceTo(target);
    frames.capture(clock.now() - t0);
    if (clock.now() - t0 >= (second + 1) * 1000 - 1e-6) {
      o.onSecond?.(++second, host.audio.xruns);
      if (files.wav) await files.wav.drained();
    }
  }
  tap?.stop();
  const xruns = host.audio.xruns;
  const audioThreads = o.realtime ? audioThreadMetrics(host.audio, card, host.engine.raisedPriority, performance.timeOrigin + t0) : undefined;
  const mainTasks = host.container.resolve(Tokens.Scheduler).metrics();
  stopSwitches();
  if (cursor) clock.clearTimer(cursor);
  await cable?.stop();
  if (beforeStop) await beforeStop();
  const stopping = host.stop();
  await settle(clock, stopping, 1, 10_000);
  // The engine's counters and the control thread's tasks as they were when it stopped.
  const engine = host.engine.stats();
  const schedulerMetrics = { ...mainTasks, ...host.engine.tasks() };
  const metrics: ReplayMetrics = {
    clock: o.realtime ? 'realtime' : 'virtual',
    duration_s: o.replay.duration_s,
    started_at_ms: o.realtime ? round3(performance.timeOrigin + t0) : null,
    block_size: host.audio.blockSize,
    block_ms: (host.audio.blockSize * 1000) / host.audio.sampleRate,
    xruns,
    gate_to_sound_ms: probe.gateToSoundMs.map(round3),
    gate_to_sound_p99_ms: round3n(percentile(probe.gateToSoundMs, 99)),
    gate_at_s: gatesAt.map((at) => round6((at - t0) / 1000)),
    gate_stepped: gatesStepped,
    ...(cable && { cable_late_ms: round3(cableLateMs) }),
    cv_steps: cvSteps.map((c) => ({ jack: c.jack, t: c.t, at_s: round6((c.at - t0) / 1000) })),
    cv_to_audible_ms: probe.cvToAudibleMs.map(round3),
    cv_to_audible_p99_ms: round3n(percentile(probe.cvToAudibleMs, 99)),
    cv_to_audible_at_s: probe.cvToAudibleFrom.map((at) => round6((at - t0) / 1000)),
    cv_before_sound: probe.cvBeforeSound,
    stale_gates: probe.staleGates,
    gate_stages_ms: stages,
    cold_start_ms: round3(coldStartMs),
    boot_ms: { node: round3(performance.nodeTiming.bootstrapComplete), command: round3(commandMs), steps, control: controlSteps(host.engine.bootMarks), ready: round3(coldStartMs), first_sound: firstSound === null ? null : round3(firstSound) },
    renders: engine.renders,
    render_failures: engine.failures,
    mapping_failures: errors.filter((e) => e.code.startsWith('NR_MAPPING')).length,
    events_ignored: ignored,
    model: engine.modelId,
    screen_frames: frames.written.length || rack.display?.emulator.frames || 0,
    scheduler: schedulerMetrics,
    ...(audioThreads && { audio_threads: audioThreads }),
  };
  const audio = files.wav ? new Float32Array(0) : card.recorded().subarray(recordFrom * card.channels);
  return { audio, sampleRate: card.rate, channels: card.channels, metrics, frames: frames.written };
}

/** Below -80 dBFS throughout. */
function silent(block: Float32Array): boolean {
  for (let i = 0; i < block.length; i++) if (Math.abs(block[i]!) > 1e-4) return false;
  return true;
}

/** `t0Epoch`: the replay's first instant on the device ring's time base (ms since the epoch), which underruns are counted from. */
function audioThreadMetrics(audio: AudioObserver, card: EmulatedPcmSink, controlRaised: boolean | null, t0Epoch: number): AudioThreadMetrics {
  const worker = audio instanceof AudioThread ? audio : undefined;
  const clock = card.clockThreadHealth;
  return {
    worker_writes_device: worker?.workerWritesDevice ?? false,
    audio_priority_raised: worker?.raisedPriority ?? null,
    control_priority_raised: controlRaised,
    card_clock_priority_raised: clock?.raisedPriority ?? null,
    card_clock_latest_ms: clock ? round3(clock.latestPeriodMs) : null,
    underruns: audio.underrunRecords().map((u) => ({
      at_s: round6((u.dueAt - t0Epoch) / 1000),
      card_late_ms: round3(u.cardLateMs),
      writer_silent_ms: u.writerSilentMs === null ? null : round3(u.writerSilentMs),
      writer_awake_ms: u.writerAwakeMs === null ? null : round3(u.writerAwakeMs),
      writer_asleep_ms: u.writerAsleepMs === null ? null : round3(u.writerAsleepMs),
      writer_wake_by_ms: u.writerWakeByMs === null ? null : round3(u.writerWakeByMs),
    })),
  };
}

/** Cycles models (through the host's own model switching, as the menu does) and entry pairs until the returned function is called. */
function scheduleSwitches(host: Host, clock: Clock, sw: NonNullable<ReplayRunOptions['switchEvery']>, onError: (e: NeurorackError) => void): () => void {
  let n = 0;
  let timer: TimerHandle;
  const cue = (): void => {
    n++;
    const model = sw.models?.[n % sw.models.length];
    if (model && sw.models!.length > 1) host.live.selectModel(model).catch(onError);
    const pair = sw.entries?.[n % sw.entries.length];
    const view = host.live.view();
    const names = view.banks.find((b) => b.id === view.bank.id)?.entries ?? [];
    // Entries by name, or by index into the current bank.
    const name = (key: string): string => (/^\d+$/.test(key) ? names[Number(key)] ?? key : key);
    if (pair && view.bank.id) host.live.chooseEntry('A', view.bank.id, name(pair.a)).then(() => host.live.chooseEntry('B', view.bank.id!, name(pair.b))).catch(onError);
    timer = clock.setTimer(cue, sw.seconds * 1000);
  };
  timer = clock.setTimer(cue, sw.seconds * 1000);
  return () => clock.clearTimer(timer);
}

/** Writes the emulated screen as a PNG whenever a new frame has reached it. */
class FrameWriter {
  readonly written: string[] = [];
  private seen: number;

  constructor(private readonly dir: string | undefined, private readonly screen: { readonly frames: number; toPng(): Buffer } | undefined) {
    this.seen = screen?.frames ?? 0;
    if (dir) mkdirSync(dir, { recursive: true });
  }

  capture(atMs: number): void {
    if (!this.dir || !this.screen || this.screen.frames === this.seen) return;
    this.seen = this.screen.frames;
    const file = join(this.dir, `frame-${String(this.written.length).padStart(5, '0')}-${String(Math.round(atMs)).padStart(7, '0')}ms.png`);
    writeFileSync(file, this.screen.toPng());
    this.written.push(file);
  }
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

function round3n(v: number | null): number | null {
  return v === null ? null : round3(v);
}

/** The control thread's boot steps in this process's clock (ms from its time origin), or null when it has none. */
function controlSteps(marks: ControlBootMarks | null): Record<string, number> | null {
  if (!marks) return null;
  return Object.fromEntries(Object.entries(marks).map(([step, epochMs]) => [step, round3(epochMs - performance.timeOrigin)]));
}
