import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import type { AudioOut, SharedAudioOut } from '../devices/audio-out/audio-out';
import { NeurorackError } from '../errors/neurorack-error';
import { SharedPcmRing, type UnderrunRecord } from '../devices/audio-out/shared-pcm-ring';
import type { Clock } from '../scheduler/clock';
import type { Scheduler } from '../scheduler/scheduler';
import { AudioCommands, type AudioCommandShare } from './audio-commands';
import type { BlockListener } from './audio-path';
import { BlockListeners } from './block-listeners';
import type { BlockInfo, MixerOptions } from './block-mixer';
import { OutputLevels } from './output-levels';
import { RenderSlots } from './render-slots';
import { SpscRing } from '../shared-memory/spsc-ring';
import { BLOCK_HEADER, CMD_WIDTH, Ctl, CTL_WORDS, Priority, type WorkerInit } from './worker-protocol';
import { AUDIO_WORKER_FILE } from './audio-worker-file';
import { startWorker } from '../threads/prestarted-workers';

/**
 * Blocks of device room the periodic grant leaves free, so that a trigger is answered in the very
 * next block handed to the driver instead of waiting for the device to drain a period.
 */
export const TRIGGER_RESERVE_BLOCKS = 1;

/** Render slots: enough for the renders being written, the ready and last complete ones, and those voices and grains still read. */
const RENDER_SLOTS = 12;
/** Longest render a slot holds, in seconds (longer ones get their own memory). */
const RENDER_SLOT_SECONDS = 20;

/** What every thread may read of the audio path: its blocks as they reach the device, its level, and its losses. */
export interface AudioObserver {
  readonly blockSize: number;
  readonly sampleRate: number;
  readonly xruns: number;
  /** The circumstances of the device's latest underruns (see AudioPath.underrunRecords). */
  underrunRecords(): readonly UnderrunRecord[];
  /**
   * Blocks the audio worker has filled and published, read from its shared memory: it advances
   * only while the worker is really producing audio (the service watchdog's proof of sound).
   */
  readonly blocksProduced: number;
  /** The output's level, kept where the blocks are filled (read it at any time; no listener needed). */
  readonly levels: OutputLevels;
  /**
   * Calls `listener` with every block handed to the device from now on; returns the unsubscribe.
   * Blocks are brought to this thread only while someone listens.
   */
  onBlock(listener: BlockListener): () => void;
  /** Whether anything listens to the blocks now (else none are brought to this thread). */
  readonly listening: boolean;
}

/**
 * The audio worker and what observes it: the block loop runs in a worker thread, and the blocks
 * reach the device one of two ways:
 * - **The worker writes the device** when the audio-out driver can share it (`AudioOut.share()`,
 *   the emulated card): the worker drives it with its own copy of the driver, filling a block
 *   whenever the device has room for one beyond a reserve of one block; the device wakes it each
 *   period. This thread only observes the blocks (listeners, metrics), so its stalls (a garbage
 *   collection, a model load) cannot starve the device, and it is handed them only while it has
 *   listeners (the meters read the worker's `levels` instead).
 * - **Credits** otherwise: each audio period this thread grants the worker one credit per block
 *   the driver has room for, less the reserve; the worker fills them and pushes them through a
 *   lock-free ring; this thread hands them to the driver as soon as they land
 *   (Atomics.waitAsync).
 *
 * Either way a trigger (or a loop start) gets its block at once out of the reserve, so it sounds
 * in the next block written, not a period later; the reserve costs one block of the device's
 * buffer (it plays one block less far ahead, it is not latency added anywhere).
 *
 * Commands (gates, renders) come from an {@link AudioCommands}: `localCommands()` for this thread,
 * or `commandShare()` for a control thread of its own (the worker must write the device then: a
 * credit granted here for a trigger commanded there would wait for this thread).
 */
export class AudioThread implements AudioObserver {
  readonly blockSize: number;
  readonly sampleRate: number;
  private worker: Worker | undefined;
  protected readonly cmd: SpscRing;
  private readonly out: SpscRing;
  private readonly ctrl: Int32Array;
  private readonly rec: Float32Array;
  private readonly block: Float32Array;
  private readonly info: BlockInfo & { currentVersion: number } = { started: 0, loopStarted: 0, versionHeard: 0, notReady: 0, currentVersion: 0, starved: 0, staleStarts: 0 };
  /** While any listen, the worker publishes its blocks to this thread. */
  private readonly listeners = new BlockListeners((on) => Atomics.store(this.ctrl, Ctl.observed, on ? 1 : 0));
  readonly levels: OutputLevels;
  private readonly levelWords: Float32Array;
  private running = false;
  private lost = 0;
  private late = 0;
  private blocksAtGrant = 0;
  private readonly taskId = 'engine-audio';
  protected readonly slots: RenderSlots;
  protected readonly released: SpscRing;
  /** Renders that fit no slot: posted on `renders`, read by the worker on `workerRenders`. */
  private readonly renders: MessagePort;
  private readonly workerRenders: MessagePort;
  /** The device the worker writes (undefined: credits). */
  private readonly device: SharedAudioOut | undefined;
  private readonly deviceRing: SharedPcmRing | undefined;
  private shared = false;

  /** `shareDevice: false` keeps the device on this thread (credits) even where it could be shared. */
  constructor(
    private readonly deps: { clock: Clock; scheduler: Scheduler; audioOut: AudioOut },
    private readonly options: MixerOptions & { shareDevice?: boolean },
  ) {
    this.blockSize = options.blockSize;
    this.sampleRate = options.sampleRate;
    this.cmd = new SpscRing(SpscRing.allocate(CMD_WIDTH * 256));
    this.out = new SpscRing(SpscRing.allocate((BLOCK_HEADER + options.blockSize) * 64));
    this.ctrl = new Int32Array(new SharedArrayBuffer(CTL_WORDS * 4));
    this.ctrl[Ctl.soundingAt] = -1; // no voice before the first block
    this.levelWords = OutputLevels.allocate(true);
    this.levels = new OutputLevels(this.levelWords);
    this.rec = new Float32Array(BLOCK_HEADER + options.blockSize);
    this.block = this.rec.subarray(BLOCK_HEADER);
    this.slots = new RenderSlots(RENDER_SLOTS, Math.round(RENDER_SLOT_SECONDS * options.sampleRate));
    this.released = new SpscRing(SpscRing.allocate(RENDER_SLOTS * 4));
    const { port1, port2 } = new MessageChannel();
    this.renders = port1;
    this.workerRenders = port2;
    // The device is shared as soon as it is known, so that a control thread can be told before start.
    this.device = options.shareDevice === false ? undefined : deps.audioOut.share?.();
    this.deviceRing = this.device && new SharedPcmRing(this.device.port.ring);
  }

  /**
   * Device underruns and blocks lost on the way to it. When the worker writes the device, a block
   * this thread was too slow to observe is not lost audio (see `unobserved`).
   */
  get xruns(): number {
    const overflows = this.device ? 0 : Atomics.load(this.ctrl, Ctl.overflows);
    return this.deps.audioOut.xruns + this.lost + Atomics.load(this.ctrl, Ctl.dropped) + overflows;
  }

  underrunRecords(): readonly UnderrunRecord[] {
    return this.deviceRing?.underrunRecords() ?? [];
  }

  get blocksProduced(): number {
    return Atomics.load(this.ctrl, Ctl.blocks);
  }

  /** Blocks written to the device that listeners never saw (this thread fell 64 blocks behind). */
  get unobserved(): number {
    return this.device ? Atomics.load(this.ctrl, Ctl.overflows) : 0;
  }

  /**
   * Whether the audio worker runs at its raised priority (core/scheduler/thread-priority.ts):
   * undefined until it has started, false where the system refused it.
   */
  get raisedPriority(): boolean | undefined {
    const p = Atomics.load(this.ctrl, Ctl.priority);
    return p === Priority.unknown ? undefined : p === Priority.raised;
  }

  /** Whether the worker writes the device itself (else this thread does, on credits). */
  get workerWritesDevice(): boolean {
    return this.device !== undefined;
  }

  /** Periods in which the worker, holding credits, delivered no block since the previous period (credits only). */
  get latePeriods(): number {
    return this.late;
  }

  get listening(): boolean {
    return this.listeners.listening;
  }

  onBlock(listener: BlockListener): () => void {
    return this.listeners.add(listener);
  }

  /** Commands from this thread (renders it posts reach the worker through the same port). */
  localCommands(): AudioCommands {
    return new AudioCommands(this.cmd, this.slots, this.released, this.postRender, this.device?.port.ring, this.ctrl, () => this.grantPrompt());
  }

  /**
   * What a control thread needs to command this worker (once: the render port moves with it).
   * Undefined when the worker cannot write the device (credits are granted here).
   */
  commandShare(): { share: AudioCommandShare; transfer: MessagePort[] } | undefined {
    if (!this.device || this.shared) return undefined;
    this.shared = true;
    const share: AudioCommandShare = {
      cmd: this.cmd.buffer, slots: this.slots.memory, slotSamples: this.slots.maxSamples,
      released: this.released.buffer, deviceRing: this.device.port.ring, renders: this.renders,
      ctrl: this.ctrl.buffer as SharedArrayBuffer,
    };
    return { share, transfer: [this.renders] };
  }

  /**
   * Starts the audio worker and resolves once it fills blocks (it has its priority and its
   * device): a trigger sent after this is played in the next block, not after the worker's boot.
   * `held`: it writes nothing until `release()`, so the device starts only then. The host holds it
   * while the model loads: started on the worker's first blocks, the card now and then ran dry on
   * two cores busy with the whole boot, before anything could play (2 boots in 40, 0.8 and 1.2 s
   * before the first replay instant; bench:soak-start counted one such xrun in its hour).
   */
  async start(options: { readonly held?: boolean } = {}): Promise<void> {
    Atomics.store(this.ctrl, Ctl.held, options.held === true ? 1 : 0);
    const { shareDevice: _, ...mixer } = this.options;
    const init: WorkerInit = {
      mixer, cmd: this.cmd.buffer, out: this.out.buffer, ctrl: this.ctrl.buffer as SharedArrayBuffer,
      slots: this.slots.memory, released: this.released.buffer, device: this.device,
      timeOrigin: performance.timeOrigin, reserveBlocks: TRIGGER_RESERVE_BLOCKS, renders: this.workerRenders,
      levels: this.levelWords.buffer as SharedArrayBuffer,
    };
    this.worker = startWorker(AUDIO_WORKER_FILE, init, { transfer: [this.workerRenders] });
    this.running = true;
    this.deliverLoop();
    if (!this.device) {
      const periodMs = (this.blockSize * 1000) / this.sampleRate;
      this.deps.scheduler.addAudio({ id: this.taskId, periodMs, run: () => this.grant() });
    }
    await this.workerReady(this.worker);
  }

  /** Resolves when the worker says it is ready (`Ctl.ready`); rejects if it fails, exits or takes 10 s. */
  private workerReady(worker: Worker): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = (settle: () => void): void => {
        worker.off('error', onError);
        worker.off('exit', onExit);
        settle();
        Atomics.notify(this.ctrl, Ctl.ready); // a failed start leaves no waiter behind
      };
      const onError = (err: Error): void => done(() => reject(new NeurorackError('NR_AUDIO_THREAD_FAILED', `the audio worker failed while starting: ${err.message}`, {}, { cause: err })));
      const onExit = (code: number): void => done(() => reject(new NeurorackError('NR_AUDIO_THREAD_FAILED', `the audio worker exited while starting (code ${code})`)));
      worker.once('error', onError);
      worker.once('exit', onExit);
      const w = (Atomics as unknown as AtomicsWithWaitAsync).waitAsync(this.ctrl, Ctl.ready, 0, READY_WITHIN_MS);
      void (w.async ? w.value : Promise.resolve(w.value)).then((result) => {
        if (result !== 'timed-out') return done(resolve);
        done(() => reject(new NeurorackError('NR_AUDIO_THREAD_FAILED', `the audio worker was not ready within ${READY_WITHIN_MS} ms of starting`)));
      });
    });
  }

  /** Lets a worker started `held` write: the device starts on its first blocks. */
  release(): void {
    if (Atomics.exchange(this.ctrl, Ctl.held, 0) === 0) return;
    this.deviceRing?.bump(); // the worker asleep on the device looks again at once
  }

  async stop(): Promise<void> {
    this.running = false;
    this.deps.scheduler.remove(this.taskId);
    Atomics.store(this.ctrl, Ctl.stop, 1);
    Atomics.notify(this.ctrl, Ctl.credits);
    this.deviceRing?.bump(); // a worker asleep on the device wakes and sees `stop`
    await this.worker?.terminate();
    this.deviceRing?.writerGone();
    this.worker = undefined;
    if (!this.shared) this.renders.close();
  }

  private readonly postRender = (audio: Float32Array, version: number, ready: Int32Array | null): void => {
    if (audio.buffer instanceof SharedArrayBuffer) return this.renders.postMessage({ audio, version, ready });
    const copy = audio.slice();
    this.renders.postMessage({ audio: copy, version, ready: null }, [copy.buffer]);
  };

  /** The audio task: grant one credit per block the device has room for, keeping the reserve. */
  private grant(): void {
    if (Atomics.load(this.ctrl, Ctl.held) === 1) return;
    const blocks = Atomics.load(this.ctrl, Ctl.blocks);
    if (Atomics.load(this.ctrl, Ctl.credits) > 0 && blocks === this.blocksAtGrant) this.late++;
    this.blocksAtGrant = blocks;
    const room = this.room() - TRIGGER_RESERVE_BLOCKS;
    if (room <= 0) return;
    Atomics.add(this.ctrl, Ctl.credits, Math.min(room, 8));
    Atomics.notify(this.ctrl, Ctl.credits);
  }

  /** A trigger: one block now if the device has room (the reserve); else it rides the next grant. */
  private grantPrompt(): void {
    if (!this.running || this.device || Atomics.load(this.ctrl, Ctl.held) === 1 || this.room() < 1) return;
    Atomics.add(this.ctrl, Ctl.credits, 1);
    Atomics.notify(this.ctrl, Ctl.credits);
  }

  /** Blocks the device could take now that are neither granted nor waiting in the ring. */
  private room(): number {
    const owed = Atomics.load(this.ctrl, Ctl.credits);
    return Math.floor(this.deps.audioOut.space() / this.blockSize) - owed - this.out.availableRead() / this.rec.length;
  }

  /**
   * Takes the blocks as soon as the worker publishes them: hands them to the driver (credits) and
   * to the listeners, with the time the worker wrote them to the device (or this thread did).
   */
  private deliverLoop(): void {
    const header = this.out.header;
    const step = (): void => {
      if (!this.running) return;
      while (this.out.pop(this.rec, 0, this.rec.length)) {
        let at: number;
        if (this.device) {
          at = this.rec[4]! * 1000 + this.rec[5]!;
        } else {
          const droppedBefore = this.deps.audioOut.dropped;
          if (!this.deps.audioOut.write(this.block) && this.deps.audioOut.dropped > droppedBefore) this.lost++;
          at = this.deps.clock.now();
        }
        this.info.started = this.rec[0]!;
        this.info.loopStarted = this.rec[1]!;
        this.info.versionHeard = this.rec[2]!;
        this.info.currentVersion = this.rec[3]!;
        this.info.staleStarts = this.rec[6]!;
        this.listeners.emit(this.block, this.info, at);
      }
      const seen = Atomics.load(header, 0);
      const w = (Atomics as unknown as AtomicsWithWaitAsync).waitAsync(header, 0, seen, 1000);
      if (w.async) void w.value.then(step);
      else setImmediate(step);
    };
    step();
  }
}

/** How long the audio worker may take to boot (its module, its priority, its device); about 0.1-0.3 s. */
const READY_WITHIN_MS = 10_000;

/** Node 20 has Atomics.waitAsync; the ES2022 lib typings do not. */
interface AtomicsWithWaitAsync {
  waitAsync(a: Int32Array, index: number, value: number, timeoutMs?: number): { async: false; value: string } | { async: true; value: Promise<string> };
}
