import type { CvAdc, CvScan } from '../devices/cv-adc/cv-adc';
import type { GateEvent, GateInputs } from '../devices/gate/gate-inputs';
import type { NeurorackError } from '../errors/neurorack-error';
import type { Clock } from '../scheduler/clock';
import type { AudioPath } from './audio-path';
import { CvHistory } from './cv-history';
import type { DescriptorFrames } from './descriptor-frames';
import { DescriptorPipeline, type JackInput } from './descriptor-pipeline';
import type { MappingSlot } from './mapping-slot';
import { DEFAULT_RENDER_SEED, type ModelRenderer } from './model-renderer';
import { RenderEngine, type RenderTiming } from './render-engine';
import { CvSteps, STEP_WINDOW_MS } from './cv-steps';
import { GateStageLog, type GateStages } from './gate-stages';
import { RenderVolts } from './render-volts';
import { RenderSampler, type RenderSample } from './render-sampler';

export type GateRole = 'trigger' | 'loop' | 'none';

/**
 * A gate plays the CVs present at it: every change made 1 ms or more before the edge. A jack
 * converted from 0.5 ms before the edge on has seen such a change settle (a conversion takes
 * 0.3 ms at 3300 SPS), so a scan already running serves the gate when it sampled that late.
 */
export const GATE_CV_LEAD_MS = 0.5;

export interface JackSetup {
  readonly jack: number;
  readonly range: { readonly min: number; readonly max: number };
  readonly params: Readonly<Record<string, number>>;
}

/** What the instrument commands of the audio path (started and stopped by whoever built it). */
export type InstrumentAudio = Pick<AudioPath, 'trigger' | 'setLoop' | 'setPlayhead' | 'setRender' | 'renderBuffers' | 'soundingAt'>;

export interface InstrumentOptions {
  readonly clock: Clock;
  readonly cvAdc: Pick<CvAdc, 'latest' | 'onScan' | 'scan'>;
  readonly gates: Pick<GateInputs, 'onEdge'>;
  readonly audio: InstrumentAudio;
  readonly renderer: ModelRenderer;
  readonly slots: readonly MappingSlot[];
  readonly jacks: readonly JackSetup[];
  readonly gateRoles: Readonly<Record<number, GateRole>>;
  readonly entries: { readonly a: DescriptorFrames; readonly b: DescriptorFrames };
  readonly timing?: RenderTiming;
  readonly seed?: number;
  /** Rate the CV history is kept at (the ADC scan rate). */
  readonly historyHz?: number;
  /** The loop's grain length, ms (the rack's `audio.grainMs`): while gate 2 loops, renders are published once written for a grain (RenderEngineOptions.loopGrainMs). */
  readonly grainMs: number;
  readonly onError?: (err: NeurorackError) => void;
}

/**
 * The playable instrument: every CV scan runs through the jacks' mappings into a descriptor curve,
 * the render engine keeps the newest render of it ready, and the gates play it (gate roles from
 * the rack: trigger or loop). A trigger plays the sound of the CVs present at the gate: it scans
 * the CVs from the edge on, and when a CV stepped just before it (a sequencer, a sample-and-hold)
 * away from the CVs of the render that would play, the voice waits for the render of the new ones,
 * started at once; a gate whose CVs only drifted plays at once. A model or bank switch re-renders
 * and crossfades. The audio side is the AudioPath.
 */
export class Instrument {
  readonly engine: RenderEngine;
  private readonly pipeline: DescriptorPipeline;
  private readonly history = new Map<number, CvHistory>();
  private lastHistoryAt = -Infinity;
  private readonly renderVolts: RenderVolts;
  private readonly steps: CvSteps;
  /** The version of the newest request (what the CVs of the last control pass sound like). */
  private lastVersion = 0;
  /** The edge a gate scan is running for, and the earliest edge that came in meanwhile. */
  private gateScan: number | undefined;
  private nextGate: number | undefined;
  /** When the gate of `gateScan` was played ahead of its scan's control pass (undefined: not yet). */
  private gatePlayedAt: number | undefined;
  private running = false;
  private readonly lastVolts = new Map<number, number>();
  private entries: { a: DescriptorFrames; b: DescriptorFrames };
  private lastFrames: DescriptorFrames | undefined;
  private lastPlayhead = -1;
  /** Gate 2 (a `loop` role) is held. */
  private looping = false;
  private lastLatent: readonly number[] = [];
  private dirty = true;
  private offs: Array<() => void> = [];
  private readonly controlListeners: Array<(scanTimeMs: number, version: number) => void> = [];
  private readonly historyHz: number;
  private readonly gateStages = new GateStageLog();
  private readonly sampler = new RenderSampler();

  constructor(private readonly options: InstrumentOptions) {
    this.entries = { a: options.entries.a, b: options.entries.b };
    this.pipeline = new DescriptorPipeline(options.slots);
    this.historyHz = options.historyHz ?? 200;
    for (const j of options.jacks) this.history.set(j.jack, new CvHistory(this.historyHz, 10));
    this.renderVolts = new RenderVolts(options.jacks.map((j) => j.jack));
    this.steps = new CvSteps(options.jacks.map((j) => j.jack));
    this.engine = new RenderEngine({
      clock: options.clock,
      renderer: options.renderer,
      seed: options.seed,
      timing: options.timing,
      startAt: () => Math.max(0, this.lastPlayhead),
      continueFrom: () => options.audio.soundingAt(),
      loopGrainMs: () => (this.looping ? options.grainMs : 0),
      buffers: options.audio.renderBuffers,
      onReady: (r) => {
        options.audio.setRender(r.audio, r.version, r.filling);
        this.gateStages.published(r.version, options.clock.now());
        if (r.filling === null) this.sampler.completed(r.version, r.modelId, this.lastFrames, r.audio, this.lastVersion);
      },
      onError: options.onError,
    });
  }

  /** Wires the jacks and renders the first impact. Resolves when ready to play. */
  async start(): Promise<void> {
    this.running = true;
    this.offs.push(this.options.cvAdc.onScan((scan) => this.onScan(scan)));
    this.offs.push(this.options.gates.onEdge((e) => this.onGate(e)));
    this.control();
    await this.engine.playable();
  }

  stop(): void {
    this.running = false;
    for (const off of this.offs) off();
    this.offs = [];
    this.engine.stop();
  }

  /** The descriptor curves the current render was asked for ([frames][7]), if any yet. */
  get frames(): DescriptorFrames | undefined {
    return this.lastFrames;
  }

  /** A copy of the next complete render of the newest curves newer than version `after` (for the follow meter; one request at a time). */
  nextCompleteRender(after: number): Promise<RenderSample> {
    return this.sampler.next(after, this.lastVersion);
  }

  /** Where playback and the loop read from, 0..1 (the scrub mapping), or -1 before the first pass. */
  get playhead(): number {
    return this.lastPlayhead;
  }

  /** Called after each control pass that changed something: the scan time it used and the render version that holds it. */
  onControl(listener: (scanTimeMs: number, version: number) => void): void {
    this.controlListeners.push(listener);
  }

  /** Called for every trigger once it has played (a stepped one once its render is published): where its time went. */
  onGateStages(listener: (stages: GateStages) => void): void {
    this.gateStages.onGate(listener);
  }

  /** Switches the model; the current descriptors are re-rendered with it and voices crossfade. */
  switchModel(renderer: ModelRenderer): void {
    const v = this.engine.setRenderer(renderer);
    if (v !== undefined) this.controlled(this.options.clock.now(), v);
  }

  /** Switches the bank entries A and B (bank switch); re-renders at once. */
  setEntries(a: DescriptorFrames, b: DescriptorFrames): void {
    this.entries = { a, b };
    this.dirty = true;
    if (this.running) this.control();
  }

  /** One control pass on a scan (default: the last one): run the mappings, ask for a render when the curve changed. */
  control(scan: CvScan = this.options.cvAdc.latest()): void {
    let changed = this.dirty;
    for (const j of this.options.jacks) {
      const volts = scan.jacks.find((r) => r.jack === j.jack)?.volts ?? 0;
      const last = this.lastVolts.get(j.jack);
      if (last === undefined || Math.abs(volts - last) > 0.005) {
        changed = true;
        this.lastVolts.set(j.jack, volts);
      }
    }
    if (!changed) return; // nothing to build or allocate on a quiet pass (200 a second)
    this.dirty = false;
    const jacks = new Map<number, JackInput>();
    for (const j of this.options.jacks) {
      const h = this.history.get(j.jack)!;
      jacks.set(j.jack, { volts: this.lastVolts.get(j.jack)!, range: j.range, history: h.view(), historyHz: this.historyHz, params: j.params, seed: ((this.options.seed ?? DEFAULT_RENDER_SEED) * 31 + j.jack) >>> 0 });
    }
    const { frames, playhead, latent } = this.pipeline.run(this.entries.a, this.entries.b, jacks);
    if (playhead !== this.lastPlayhead) {
      this.lastPlayhead = playhead;
      this.options.audio.setPlayhead(playhead);
    }
    const moved = !sameNumbers(latent, this.lastLatent);
    if (moved) {
      this.lastLatent = latent;
      this.engine.setLatent(latent);
    }
    if (moved || !this.lastFrames || !sameFrames(frames, this.lastFrames)) {
      this.lastFrames = frames;
      // While a gate's scan is out and its voice waits for this pass, the pass is the gate's: its
      // render is for the voice it starts. A gate played at once (its CVs only drifted) already
      // sounds on the render before: this one is a CV change for that voice, written at its place
      // too. Asked as the gate's, it had no part there, and a scrub moved by the drift left the
      // voice on the old render until it reached the new scrub position (up to 0.2 s and more:
      // bench:patches sequencer, CV-to-audible 165-200 ms).
      this.lastVersion = this.engine.request(frames, this.gateScan !== undefined && this.gatePlayedAt === undefined);
      this.sampler.asked();
      this.renderVolts.record(this.lastVersion, scan);
    }
    this.controlled(scan.timeMs, this.lastVersion);
  }

  /**
   * Every scan (periodic, or asked for by a gate) feeds the history at its rate and runs a control
   * pass. The scan a gate waits for plays that gate first when its CVs did not step away from the
   * render playing: such a gate needs nothing the pass would build (mappings, a curve, a render
   * request), so it does not wait for it.
   */
  private onScan(scan: CvScan): void {
    this.steps.push(scan);
    if (scan.timeMs - this.lastHistoryAt >= 500 / this.historyHz) {
      this.lastHistoryAt = scan.timeMs;
      for (const r of scan.jacks) this.history.get(r.jack)?.push(r.volts);
    }
    const edge = this.gateScan;
    if (edge !== undefined && this.gatePlayedAt === undefined && sampledSince(scan, edge - GATE_CV_LEAD_MS) && !this.steppedAway(scan, edge)) {
      this.options.audio.trigger();
      this.gatePlayedAt = this.options.clock.now();
    }
    this.control(scan);
  }

  /** Whether a CV stepped just before the gate at `edgeMs` and away from the CVs of the render playing. */
  private steppedAway(scan: CvScan, edgeMs: number): boolean {
    return this.steps.steppedSince(edgeMs - STEP_WINDOW_MS) && this.renderVolts.steppedFrom(this.engine.latest()?.version ?? 0, scan);
  }

  private controlled(scanTimeMs: number, version: number): void {
    for (const l of this.controlListeners) l(scanTimeMs, version);
  }

  private onGate(e: GateEvent): void {
    const role = this.options.gateRoles[e.jack] ?? 'none';
    if (role === 'trigger' && e.edge === 'rising') this.onTrigger(e.timeMs);
    else if (role === 'loop') {
      this.looping = e.edge === 'rising';
      this.options.audio.setLoop(this.looping);
    }
  }

  /** A trigger edge sampled at `edgeMs`: one gate scan at a time; edges meanwhile share the next. */
  private onTrigger(edgeMs: number): void {
    if (this.gateScan === undefined) this.scanForGate(edgeMs, this.options.clock.now());
    else if (this.nextGate === undefined) this.nextGate = edgeMs;
  }

  /**
   * Reads the CVs as they are at the gate: a scan whose every jack was sampled at most
   * GATE_CV_LEAD_MS before the edge (a scan already running converts again only what it sampled
   * earlier), then plays: at once in `onScan` when its CVs did not step away from the render
   * playing, else once the scan's control pass has asked for the render of the new CVs.
   */
  private scanForGate(edgeMs: number, heardMs: number): void {
    this.gateScan = edgeMs;
    this.gatePlayedAt = undefined;
    void this.options.cvAdc.scan(edgeMs - GATE_CV_LEAD_MS).then((scan) => {
      if (!this.running) return;
      this.gateScan = undefined;
      const early = this.gatePlayedAt;
      if (early !== undefined) this.gateStages.played(edgeMs, heardMs, early, 0);
      else this.gateStages.played(edgeMs, heardMs, this.options.clock.now(), this.playGate(scan, edgeMs));
      const next = this.nextGate;
      this.nextGate = undefined;
      if (next !== undefined) this.scanForGate(next, this.options.clock.now());
    });
  }

  /**
   * Plays the render of the CVs in `scan` for the gate whose edge was sampled at `edgeMs` (every scan reaches onScan before its promise resolves,
   * so its control pass has run and the newest request holds them). A *stepped* gate (a CV stepped within STEP_WINDOW_MS before it) whose render that would
   * play now was made from CVs a step away waits for the newest render, which starts at once; any
   * other gate plays now (a drifting CV: the voice crossfades to newer renders as they come).
   */
  private playGate(scan: CvScan, edgeMs: number): number {
    const playing = this.engine.latest()?.version ?? 0;
    if (this.lastVersion > playing && this.steppedAway(scan, edgeMs)) {
      const version = this.engine.hurry((v) => !this.renderVolts.steppedFrom(v, scan));
      // The voice starts where the scrub was at the gate: its render is written from there.
      this.options.audio.trigger(version, this.lastPlayhead);
      return version;
    }
    this.options.audio.trigger();
    return 0;
  }
}

/** Whether every jack of `scan` was sampled at `sinceMs` or later (the scan serves a gate asking for that). */
function sampledSince(scan: CvScan, sinceMs: number): boolean {
  for (const r of scan.jacks) if (r.timeMs < sinceMs) return false;
  return true;
}

/** Latent positions compare as equal when they differ by less than a hundredth of a deviation (ADC noise). */
function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (Math.abs((a[i] ?? 0) - (b[i] ?? 0)) >= 0.01) return false;
  return true;
}

function sameFrames(a: DescriptorFrames, b: DescriptorFrames): boolean {
  if (a.length !== b.length) return false;
  for (let t = 0; t < a.length; t++) {
    const x = a[t]!;
    const y = b[t]!;
    for (let d = 0; d < x.length; d++) if (Math.abs(x[d]! - y[d]!) > 1e-9) return false;
  }
  return true;
}
