import type { GateStages } from '../../engine/gate-stages';
import type { Worker } from 'node:worker_threads';
import type { LoadedRack } from '../../config/rack-config';
import type { CvScan } from '../../devices/cv-adc/cv-adc';
import type { GateEvent } from '../../devices/gate/gate-inputs';
import type { AudioThread } from '../../engine/audio-thread';
import type { DescriptorFrames } from '../../engine/descriptor-frames';
import type { RenderSample } from '../../engine/render-sampler';
import type { ErrorCode } from '../../errors/catalogue';
import { NeurorackError } from '../../errors/neurorack-error';
import type { TaskMetrics } from '../../scheduler/deadline-stats';
import { ControlMirror } from './control-mirror';
import type { ControlAudioMessage, ControlBootMarks, ControlEvent, ControlInit, ControlRequest, ControlStats, WireError } from './control-protocol';
import type { ControlInputs, EngineControl, EngineStats } from './engine-control';
import { startWorker } from '../../threads/prestarted-workers';
import { CONTROL_WORKER_FILE, CONTROL_WORKER_LIMITS } from './control-worker-file';

export interface ControlThreadOptions {
  readonly rack: LoadedRack;
  /** The emulated ADC pins the panel drives (absent: a real CV ADC). */
  readonly adcPins?: SharedArrayBuffer;
  readonly entries?: { readonly bank?: string; readonly a?: string; readonly b?: string };
  readonly modelId?: string;
  readonly seed?: number;
  readonly onError: (err: NeurorackError) => void;
}

/** A control thread starting: handed its audio worker it plays, or abandoned. */
export interface ControlThreadStart {
  play(audio: AudioThread): Promise<ControlThread>;
  abandon(): Promise<void>;
}

/** How long `stop` waits for the control thread to release its models and devices before ending it. */
const STOP_WAIT_MS = 5000;

/**
 * The instrument on a control thread of its own, seen from the main thread: requests go by
 * message, the latest scan, the gate levels and the playhead are read from shared memory, the
 * curves and gate edges arrive by message. Nothing here waits for the control thread except
 * `useModel`, `render` and `stop`, and the control thread never waits for this one.
 */
export class ControlThread implements EngineControl {
  readonly inputs: ControlInputs;
  private framesNow: DescriptorFrames | undefined;
  private statsNow: ControlStats;
  private readonly edgeListeners = new Set<(e: GateEvent) => void>();
  private readonly controlListeners: Array<(scanTimeMs: number, version: number) => void> = [];
  private readonly gateListeners: Array<(stages: GateStages) => void> = [];
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: NeurorackError) => void }>();
  private nextId = 1;
  private stopping = false;

  private constructor(private readonly worker: Worker, private readonly mirror: ControlMirror, readonly audio: AudioThread, ready: ControlStats, private readonly onError: (err: NeurorackError) => void, frames?: DescriptorFrames, readonly bootMarks: ControlBootMarks | null = null) {
    this.statsNow = ready;
    this.framesNow = frames;
    this.inputs = {
      latest: (): CvScan => this.mirror.latest(),
      isHigh: (jack) => this.mirror.isHigh(jack),
      onEdge: (listener) => {
        this.edgeListeners.add(listener);
        return () => void this.edgeListeners.delete(listener);
      },
    };
    worker.on('message', (e: ControlEvent) => this.onEvent(e));
    worker.on('error', (err) => this.fail(new NeurorackError('NR_CONTROL_THREAD_FAILED', `the control thread stopped: ${err.message}`)));
    worker.on('exit', (code) => {
      if (!this.stopping) this.fail(new NeurorackError('NR_CONTROL_THREAD_FAILED', `the control thread exited (code ${code}); gates and CVs are no longer played`));
    });
  }

  /**
   * Starts the control thread at once: it loads its model, reads the bank and brings up its
   * devices while this thread brings up the rest. `play` then hands it the audio worker and
   * resolves once it plays (its first sound rendered); `abandon` ends it unused.
   */
  static spawn(o: ControlThreadOptions): ControlThreadStart {
    const d = o.rack.config.devices;
    const mirror = new ControlMirror(d.cvAdc.jacks.map((j) => j.jack), d.gates.jacks.map((g) => g.jack));
    const init: ControlInit = { rack: o.rack, adcPins: o.adcPins, mirror: mirror.memory, entries: o.entries ?? {}, modelId: o.modelId, seed: o.seed };
    const worker = startWorker(CONTROL_WORKER_FILE, init, { resourceLimits: CONTROL_WORKER_LIMITS });
    // The first render's curves are sent while the thread starts: kept for the screen, which would
    // otherwise show none until a CV moved.
    let frames: DescriptorFrames | undefined;
    const ready = new Promise<{ stats: ControlStats; boot: ControlBootMarks }>((resolve, reject) => {
      const onMessage = (e: ControlEvent): void => {
        if (e.type === 'ready') done(() => resolve(e));
        else if (e.type === 'frames') frames = e.frames;
        else if (e.type === 'failed') done(() => reject(fromWire(e.error)));
        else if (e.type === 'error') o.onError(fromWire(e.error));
      };
      const onExit = (code: number): void => done(() => reject(new NeurorackError('NR_CONTROL_THREAD_FAILED', `the control thread exited while starting (code ${code})`)));
      const onError = (err: Error): void => done(() => reject(new NeurorackError('NR_CONTROL_THREAD_FAILED', `the control thread failed while starting: ${err.message}`, {}, { cause: err })));
      const done = (settle: () => void): void => {
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        worker.off('error', onError);
        settle();
      };
      worker.on('message', onMessage);
      worker.on('exit', onExit);
      worker.on('error', onError);
    });
    ready.catch(() => undefined); // awaited by play
    return {
      play: async (audio) => {
        const command = audio.commandShare();
        if (!command) {
          await worker.terminate();
          throw new NeurorackError('NR_CONTROL_THREAD_FAILED', 'the control thread needs an audio device the audio worker writes itself (this one is written on the main thread)');
        }
        worker.postMessage({ op: 'audio', audio: command.share } satisfies ControlAudioMessage, command.transfer);
        const { stats, boot } = await ready.catch(async (err: unknown) => {
          await worker.terminate();
          throw err;
        });
        return new ControlThread(worker, mirror, audio, stats, o.onError, frames, boot);
      },
      abandon: async () => void (await worker.terminate()),
    };
  }

  get frames(): DescriptorFrames | undefined {
    return this.framesNow;
  }

  get playhead(): number {
    return this.mirror.playhead;
  }

  get playing(): string | null {
    return this.statsNow.playing;
  }

  get raisedPriority(): boolean {
    return this.statsNow.raisedPriority;
  }

  stats(): EngineStats {
    const s = this.statsNow;
    return { renders: s.renders, failures: s.failures, modelId: s.modelId, lastRenderMs: this.mirror.lastRenderMs, ...(s.inputs ? { inputs: s.inputs } : {}), ...(s.timbres ? { timbres: s.timbres, timbre: s.timbre } : {}) };
  }

  tasks(): Record<string, TaskMetrics> {
    return this.statsNow.tasks;
  }

  threadHeapBytes(): number | null {
    return this.statsNow.heapUsedBytes;
  }

  onControl(listener: (scanTimeMs: number, version: number) => void): void {
    if (this.controlListeners.length === 0) this.command({ op: 'watchControl' });
    this.controlListeners.push(listener);
  }

  onGateStages(listener: (stages: GateStages) => void): void {
    if (this.gateListeners.length === 0) this.command({ op: 'watchGates' });
    this.gateListeners.push(listener);
  }

  setEntries(a: DescriptorFrames, b: DescriptorFrames): void {
    this.command({ op: 'setEntries', a, b });
  }

  async useModel(id: string, fresh: boolean): Promise<void> {
    this.statsNow = (await this.request({ op: 'useModel', model: id, fresh })) as ControlStats;
  }

  async useTimbre(name: string): Promise<void> {
    this.statsNow = (await this.request({ op: 'useTimbre', name })) as ControlStats;
  }

  async render(model: string | null, frames: DescriptorFrames, seed: number): Promise<Float32Array> {
    return (await this.request({ op: 'render', model, frames, seed })) as Float32Array;
  }

  async nextCompleteRender(after: number): Promise<RenderSample> {
    return (await this.request({ op: 'sampleRender', after })) as RenderSample;
  }

  trigger(): void {
    this.command({ op: 'trigger' });
  }

  setVolume(volume: number): void {
    this.command({ op: 'setVolume', volume });
  }

  setCalibration(jack: number, calibration: { offset: number; gain: number }): void {
    this.command({ op: 'setCalibration', jack, calibration });
  }

  /** Stops the audio worker (nothing plays from here on), asks the control thread to release its models and devices, then ends it. */
  async stop(): Promise<void> {
    await this.audio.stop();
    if (!this.stopping) {
      const asked = this.request({ op: 'stop' }).then((s) => void (this.statsNow = s as ControlStats), () => undefined);
      this.stopping = true;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([asked, new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS)))]);
      clearTimeout(timer);
      await this.worker.terminate();
    }
    for (const p of this.pending.values()) p.reject(new NeurorackError('NR_CONTROL_THREAD_FAILED', 'the control thread stopped before it answered'));
    this.pending.clear();
  }

  /** A command whose failure is reported, not awaited. */
  private command(req: ControlRequest): void {
    this.request(req).catch((err: NeurorackError) => this.onError(err));
  }

  private request(req: ControlRequest): Promise<unknown> {
    if (this.stopping) return Promise.reject(new NeurorackError('NR_CONTROL_THREAD_FAILED', `the control thread has stopped: "${req.op}" was not done`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...req, id });
    });
  }

  private onEvent(e: ControlEvent): void {
    switch (e.type) {
      case 'reply': {
        const p = this.pending.get(e.id);
        this.pending.delete(e.id);
        if (e.error) p?.reject(fromWire(e.error));
        else p?.resolve(e.value);
        break;
      }
      case 'control':
        for (const l of this.controlListeners) l(e.scanTimeMs, e.version);
        break;
      case 'edge':
        for (const l of this.edgeListeners) l(e.event);
        break;
      case 'gate':
        for (const l of this.gateListeners) l(e.stages);
        break;
      case 'frames':
        this.framesNow = e.frames;
        break;
      case 'stats':
        this.statsNow = e.stats;
        break;
      case 'error':
      case 'failed':
        this.onError(fromWire(e.error));
        break;
      case 'ready':
        break;
    }
  }

  private fail(err: NeurorackError): void {
    this.onError(err);
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}

function fromWire(e: WireError): NeurorackError {
  return new NeurorackError(e.code as ErrorCode, e.message, e.location);
}
