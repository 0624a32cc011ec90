import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RackConfig } from '../../config/rack-config';
import { DEFAULT_REFERENCE_VOLTS } from '../../devices/cv-adc/cv-adc-config';
import { PANEL_GATE_HIGH_VOLTS } from '../../devices/virtual-panel';
import type { ReplayEvent } from './replay-file';
import { CableStart, type CableEvent, type PatchCableInit } from './patch-cable-protocol';

/** A replay event the cable plays. */
type JackEvent = ReplayEvent & { type: 'cv' | 'gate' };

/**
 * The CV and gate events of a realtime replay, played by a thread of their own straight onto the
 * emulated ADC pins (as patch cables would), so that nothing the host's main thread does (a screen
 * frame, a web feed, a garbage collection) bunches or delays them: the replay measures the module,
 * not the main thread's timers. Each event's real application time is kept in shared memory and
 * read back in time order (`take`). Only where every gate and CV jack is an emulated ADC input.
 */
export class PatchCable {
  private worker: Worker | undefined;
  private readonly applied: Float64Array;
  /** The start signal shared with the cable's thread (PatchCableInit.start). */
  private readonly startSignal = new Int32Array(new SharedArrayBuffer(16), 0, 1);
  private next = 0;

  private constructor(private readonly plugged: readonly JackEvent[], private readonly init: Omit<PatchCableInit, 'start'>) {
    this.applied = new Float64Array(init.applied);
  }

  /** The cable for these events on this rack, or undefined when a jack is not an emulated ADC input. */
  static forRack(config: RackConfig, adcPins: SharedArrayBuffer | undefined, events: readonly ReplayEvent[]): PatchCable | undefined {
    const d = config.devices;
    if (!adcPins || d.cvAdc.binding !== 'emulated' || !d.gates.jacks.every((g) => g.adc)) return undefined;
    const chipIndex = (address: number): number => d.cvAdc.chips.findIndex((c) => c.address === address);
    const plugged: JackEvent[] = [];
    const cable: CableEvent[] = [];
    for (const e of events) {
      if (e.type === 'cv') {
        const j = d.cvAdc.jacks.find((x) => x.jack === e.jack);
        if (!j) continue;
        cable.push({ t: e.t * 1000, chip: chipIndex(j.chip), channel: j.channel, volts: e.volts });
        plugged.push(e);
      } else if (e.type === 'gate') {
        const g = d.gates.jacks.find((x) => x.jack === e.jack);
        if (!g?.adc) continue;
        cable.push({ t: e.t * 1000, chip: chipIndex(g.adc.chip), channel: g.adc.channel, volts: e.state === 'high' ? PANEL_GATE_HIGH_VOLTS : 0 });
        plugged.push(e);
      }
    }
    const applied = new SharedArrayBuffer(8 * Math.max(1, cable.length));
    new Float64Array(applied).fill(Number.NaN);
    return new PatchCable(plugged, { adcPins, dividerRatio: d.cvAdc.dividerRatio, referenceVolts: DEFAULT_REFERENCE_VOLTS, events: cable, applied });
  }

  /** Whether the cable plays this event (the others go through the panel on the main thread). */
  plays(e: ReplayEvent): boolean {
    return e.type === 'cv' || e.type === 'gate';
  }

  /**
   * Starts the cable's thread, which waits for `start`; resolves once it is ready (its priority
   * raised). Call it before the replay's start: it is not part of the replay's time.
   */
  async plug(): Promise<void> {
    if (this.worker) return;
    const init: PatchCableInit = { ...this.init, start: this.startSignal.buffer as SharedArrayBuffer };
    const worker = new Worker(join(__dirname, 'patch-cable-worker.js'), { workerData: init });
    this.worker = worker;
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
      worker.once('exit', () => resolve());
    });
  }

  /** Starts playing: event times count from `startMs` on this thread's clock (performance.now()). Plugs the cable first if it is not. */
  async start(startMs: number): Promise<void> {
    await this.plug();
    new Float64Array(this.startSignal.buffer, 8, 1)[0] = performance.timeOrigin + startMs;
    Atomics.store(this.startSignal, 0, CableStart.go);
    Atomics.notify(this.startSignal, 0);
  }

  /** Events applied at or before `uptoMs` (performance.now()) not taken yet, in order, with when they were applied. */
  take(uptoMs: number, each: (event: JackEvent, atMs: number) => void): void {
    while (this.next < this.plugged.length) {
      const at = this.applied[this.next]! - performance.timeOrigin;
      if (!(at <= uptoMs)) return;
      each(this.plugged[this.next]!, at);
      this.next++;
    }
  }

  async stop(): Promise<void> {
    if (Atomics.compareExchange(this.startSignal, 0, CableStart.waiting, CableStart.unplugged) === CableStart.waiting) Atomics.notify(this.startSignal, 0);
    await this.worker?.terminate();
    this.worker = undefined;
  }
}
