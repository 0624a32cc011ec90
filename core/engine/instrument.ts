import type { CvAdc } from '../devices/cv-adc/cv-adc';
import type { GateEvent, GateInputs } from '../devices/gate/gate-inputs';
import type { NeurorackError } from '../errors/neurorack-error';
import type { Clock } from '../scheduler/clock';
import { Priority, type Scheduler } from '../scheduler/scheduler';
import type { AudioPath } from './audio-path';
import { CvHistory } from './cv-history';
import type { DescriptorFrames } from './descriptor-frames';
import { DescriptorPipeline, type JackInput } from './descriptor-pipeline';
import type { MappingSlot } from './mapping-slot';
import type { ModelRenderer } from './model-renderer';
import { RenderEngine, type RenderTiming } from './render-engine';

export type GateRole = 'trigger' | 'loop' | 'none';

export interface JackSetup {
  readonly jack: number;
  readonly range: { readonly min: number; readonly max: number };
  readonly params: Readonly<Record<string, number>>;
}

export interface InstrumentOptions {
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly cvAdc: Pick<CvAdc, 'latest' | 'onScan'>;
  readonly gates: Pick<GateInputs, 'onEdge'>;
  readonly audio: AudioPath;
  readonly renderer: ModelRenderer;
  readonly slots: readonly MappingSlot[];
  readonly jacks: readonly JackSetup[];
  readonly gateRoles: Readonly<Record<number, GateRole>>;
  readonly entries: { readonly a: DescriptorFrames; readonly b: DescriptorFrames };
  readonly timing?: RenderTiming;
  readonly seed?: number;
  /** How often the mappings are evaluated (default 5 ms). */
  readonly controlMs?: number;
  /** Rate the CV history is kept at (the ADC scan rate). */
  readonly historyHz?: number;
  readonly onError?: (err: NeurorackError) => void;
}

/**
 * The playable instrument: CV scans run through the jacks' mappings into a descriptor curve, the
 * render engine keeps the newest render of it ready, and the gates play it (gate roles from the
 * rack: trigger or loop). A model or bank switch re-renders and crossfades. The control side runs
 * on the scheduler; the audio side is the AudioPath.
 */
export class Instrument {
  readonly engine: RenderEngine;
  private readonly pipeline: DescriptorPipeline;
  private readonly history = new Map<number, CvHistory>();
  private readonly lastVolts = new Map<number, number>();
  private entries: { a: DescriptorFrames; b: DescriptorFrames };
  private lastFrames: DescriptorFrames | undefined;
  private lastPlayhead = -1;
  private dirty = true;
  private offs: Array<() => void> = [];
  private readonly controlListeners: Array<(scanTimeMs: number, version: number) => void> = [];
  private readonly historyHz: number;

  constructor(private readonly options: InstrumentOptions) {
    this.entries = { a: options.entries.a, b: options.entries.b };
    this.pipeline = new DescriptorPipeline(options.slots);
    this.historyHz = options.historyHz ?? 200;
    for (const j of options.jacks) this.history.set(j.jack, new CvHistory(this.historyHz, 10));
    this.engine = new RenderEngine({
      clock: options.clock,
      renderer: options.renderer,
      seed: options.seed,
      timing: options.timing,
      startAt: () => Math.max(0, this.lastPlayhead),
      buffers: options.audio.renderBuffers,
      onReady: (r) => options.audio.setRender(r.audio, r.version, r.filling),
      onError: options.onError,
    });
  }

  /** Wires the jacks, renders the first impact and starts the audio path. Resolves when ready to play. */
  async start(): Promise<void> {
    this.offs.push(this.options.cvAdc.onScan((scan) => {
      for (const r of scan.jacks) this.history.get(r.jack)?.push(r.volts);
    }));
    this.offs.push(this.options.gates.onEdge((e) => this.onGate(e)));
    this.control();
    await this.engine.playable();
    await this.options.audio.start();
    this.options.scheduler.addPeriodic({ id: 'engine-control', periodMs: this.options.controlMs ?? 5, priority: Priority.control, run: () => this.control() });
  }

  async stop(): Promise<void> {
    this.options.scheduler.remove('engine-control');
    for (const off of this.offs) off();
    this.offs = [];
    this.engine.stop();
    await this.options.audio.stop();
  }

  /** The descriptor curves the current render was asked for ([frames][7]), if any yet. */
  get frames(): DescriptorFrames | undefined {
    return this.lastFrames;
  }

  /** Where playback and the loop read from, 0..1 (the scrub mapping), or -1 before the first pass. */
  get playhead(): number {
    return this.lastPlayhead;
  }

  /** Called after each control pass that changed something: the scan time it used and the render version that holds it. */
  onControl(listener: (scanTimeMs: number, version: number) => void): void {
    this.controlListeners.push(listener);
  }

  /** Switches the model; the current descriptors are re-rendered with it and voices crossfade. */
  switchModel(renderer: ModelRenderer): void {
    const v = this.engine.setRenderer(renderer);
    if (v !== undefined) this.controlled(this.options.clock.now(), v);
  }

  /** Switches the bank entries A and B (bank switch); takes effect at the next control pass. */
  setEntries(a: DescriptorFrames, b: DescriptorFrames): void {
    this.entries = { a, b };
    this.dirty = true;
  }

  /** One control pass: read the CVs, run the mappings, ask for a render when the curve changed. */
  control(): void {
    const scan = this.options.cvAdc.latest();
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
      jacks.set(j.jack, { volts: this.lastVolts.get(j.jack)!, range: j.range, history: h.snapshot(), historyHz: this.historyHz, params: j.params, seed: ((this.options.seed ?? 1) * 31 + j.jack) >>> 0 });
    }
    const { frames, playhead } = this.pipeline.run(this.entries.a, this.entries.b, jacks);
    if (playhead !== this.lastPlayhead) {
      this.lastPlayhead = playhead;
      this.options.audio.setPlayhead(playhead);
    }
    let version = this.engine.latest()?.version ?? 0;
    if (!this.lastFrames || !sameFrames(frames, this.lastFrames)) {
      this.lastFrames = frames;
      version = this.engine.request(frames);
    }
    this.controlled(scan.timeMs, version);
  }

  private controlled(scanTimeMs: number, version: number): void {
    for (const l of this.controlListeners) l(scanTimeMs, version);
  }

  private onGate(e: GateEvent): void {
    const role = this.options.gateRoles[e.jack] ?? 'none';
    if (role === 'trigger' && e.edge === 'rising') this.options.audio.trigger();
    else if (role === 'loop') this.options.audio.setLoop(e.edge === 'rising');
  }
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
