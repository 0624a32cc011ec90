import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { AudioOut, SharedAudioOut } from '../devices/audio-out/audio-out';
import { SharedPcmRing } from '../devices/audio-out/shared-pcm-ring';
import type { Clock } from '../scheduler/clock';
import type { Scheduler } from '../scheduler/scheduler';
import type { AudioPath, BlockListener } from './audio-path';
import type { BlockInfo, MixerOptions } from './block-mixer';
import { Holder, RenderSlots, type RenderBuffers } from './render-slots';
import { SpscRing } from './spsc-ring';
import { BLOCK_HEADER, Cmd, CMD_WIDTH, Ctl, CTL_WORDS, Priority, type WorkerInit } from './worker-protocol';

/**
 * Blocks of device room the periodic grant leaves free, so that a trigger is answered in the very
 * next block handed to the driver instead of waiting for the device to drain a period.
 */
export const TRIGGER_RESERVE_BLOCKS = 1;

/** Render slots: enough for the renders being written, the ready and last complete ones, and those voices and grains still read. */
const RENDER_SLOTS = 12;
/** Longest render a slot holds, in seconds (longer ones get their own memory). */
const RENDER_SLOT_SECONDS = 20;

/**
 * The audio path on the real clock: the block loop runs in a worker thread, and the blocks reach
 * the device one of two ways:
 * - **The worker writes the device** when the audio-out driver can share it (`AudioOut.share()`,
 *   the emulated card): the worker drives it with its own copy of the driver, filling a block
 *   whenever the device has room for one beyond a reserve of one block; the device wakes it each
 *   period. The control thread only observes the blocks (listeners, metrics), so its stalls (a
 *   garbage collection, a model load) cannot starve the device.
 * - **Credits** otherwise: each audio period the control thread grants the worker one credit per
 *   block the driver has room for, less the reserve; the worker fills them and pushes them
 *   through a lock-free ring; the control thread hands them to the driver as soon as they land
 *   (Atomics.waitAsync).
 *
 * Either way a trigger (or a loop start) gets its block at once out of the reserve, so it sounds
 * in the next block written, not a period later; the reserve costs one block of the device's
 * buffer (it plays one block less far ahead, it is not latency added anywhere). Commands cross in another ring;
 * renders are written into render slots shared with the worker once (`renderBuffers`), named to it
 * by command, and handed back through a third ring when it no longer reads them; a render that
 * fits no slot is shared or transferred to the worker as a message.
 */
export class WorkerAudioPath implements AudioPath {
  readonly blockSize: number;
  readonly sampleRate: number;
  private worker: Worker | undefined;
  private readonly cmd: SpscRing;
  private readonly out: SpscRing;
  private readonly ctrl: Int32Array;
  private readonly rec: Float32Array;
  private readonly block: Float32Array;
  private readonly c = new Float32Array(CMD_WIDTH);
  private readonly info: BlockInfo & { currentVersion: number } = { started: 0, loopStarted: 0, versionHeard: 0, notReady: 0, currentVersion: 0, starved: 0, staleStarts: 0 };
  private listeners: BlockListener[] = [];
  private running = false;
  /** Renders set before the worker starts are handed over when it does. */
  private lastRender: { audio: Float32Array; version: number; ready: Int32Array | null } | undefined;
  private lost = 0;
  private late = 0;
  private blocksAtGrant = 0;
  private readonly taskId = 'engine-audio';
  private readonly slots: RenderSlots;
  private readonly released: SpscRing;
  private readonly one = new Float32Array(1);
  /** The device the worker writes (undefined: credits). */
  private device: SharedAudioOut | undefined;
  /** The device's buffer, when the worker writes it: its wake word is how commands reach the worker at once. */
  private deviceRing: SharedPcmRing | undefined;

  /** `shareDevice: false` keeps the device on the control thread (credits) even where it could be shared. */
  constructor(
    private readonly deps: { clock: Clock; scheduler: Scheduler; audioOut: AudioOut },
    private readonly options: MixerOptions & { shareDevice?: boolean },
  ) {
    this.blockSize = options.blockSize;
    this.sampleRate = options.sampleRate;
    this.cmd = new SpscRing(SpscRing.allocate(CMD_WIDTH * 256));
    this.out = new SpscRing(SpscRing.allocate((BLOCK_HEADER + options.blockSize) * 64));
    this.ctrl = new Int32Array(new SharedArrayBuffer(CTL_WORDS * 4));
    this.rec = new Float32Array(BLOCK_HEADER + options.blockSize);
    this.block = this.rec.subarray(BLOCK_HEADER);
    this.slots = new RenderSlots(RENDER_SLOTS, Math.round(RENDER_SLOT_SECONDS * options.sampleRate));
    this.released = new SpscRing(SpscRing.allocate(RENDER_SLOTS * 4));
  }

  /** Where the render engine writes its renders (the slots this path shares with its worker). */
  get renderBuffers(): RenderBuffers {
    return this.slots;
  }

  /** Render slots free (held neither by the engine nor by the worker). */
  get freeRenderSlots(): number {
    return this.slots.free;
  }

  /**
   * Device underruns and blocks lost on the way to it. When the worker writes the device, a block
   * the control thread was too slow to observe is not lost audio (see `unobserved`).
   */
  get xruns(): number {
    const overflows = this.device ? 0 : Atomics.load(this.ctrl, Ctl.overflows);
    return this.deps.audioOut.xruns + this.lost + Atomics.load(this.ctrl, Ctl.dropped) + overflows;
  }

  /** Blocks written to the device that listeners never saw (the control thread fell 64 blocks behind). */
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

  /** Whether the worker writes the device itself (else the control thread does, on credits). */
  get workerWritesDevice(): boolean {
    return this.device !== undefined;
  }

  /** Periods in which the worker, holding credits, delivered no block since the previous period (credits only). */
  get latePeriods(): number {
    return this.late;
  }

  onBlock(listener: BlockListener): void {
    this.listeners.push(listener);
  }

  async start(): Promise<void> {
    this.device = this.options.shareDevice === false ? undefined : this.deps.audioOut.share?.();
    this.deviceRing = this.device && new SharedPcmRing(this.device.port.ring);
    const { shareDevice: _, ...mixer } = this.options;
    const init: WorkerInit = {
      mixer, cmd: this.cmd.buffer, out: this.out.buffer, ctrl: this.ctrl.buffer as SharedArrayBuffer,
      slots: this.slots.memory, released: this.released.buffer, device: this.device,
      timeOrigin: performance.timeOrigin, reserveBlocks: TRIGGER_RESERVE_BLOCKS,
    };
    const file = join(__dirname, 'audio-worker.js');
    this.worker = new Worker(file, { workerData: init });
    if (this.lastRender) this.setRender(this.lastRender.audio, this.lastRender.version, this.lastRender.ready);
    this.running = true;
    this.deliverLoop();
    if (this.device) return;
    const periodMs = (this.blockSize * 1000) / this.sampleRate;
    this.deps.scheduler.addAudio({ id: this.taskId, periodMs, run: () => this.grant() });
  }

  async stop(): Promise<void> {
    this.running = false;
    this.deps.scheduler.remove(this.taskId);
    Atomics.store(this.ctrl, Ctl.stop, 1);
    Atomics.notify(this.ctrl, Ctl.credits);
    this.nudge();
    await this.worker?.terminate();
    this.worker = undefined;
    this.slots.dropAll(Holder.worker);
  }

  trigger(minVersion = 0): void {
    this.send(Cmd.trigger, minVersion & 0xffff, Math.floor(minVersion / 65536));
    this.grantPrompt();
  }

  setLoop(on: boolean): void {
    this.send(on ? Cmd.loopOn : Cmd.loopOff, 0);
    if (on) this.grantPrompt();
  }

  setPlayhead(p: number): void {
    this.send(Cmd.playhead, p);
  }

  setVolume(v: number): void {
    this.send(Cmd.volume, v);
  }

  /**
   * A render in a slot is named to the worker by command; any other render in shared memory (still
   * filling, `ready` counting) is shared as is; any other is copied and transferred.
   */
  setRender(audio: Float32Array, version: number, ready: Int32Array | null = null): void {
    this.lastRender = { audio, version, ready };
    const slot = this.slots.slotOf(audio);
    if (slot >= 0) {
      if (!this.worker) return; // start() sends it
      this.slots.hold(slot, Holder.worker);
      this.c.fill(0);
      this.c[0] = ready ? Cmd.renderFilling : Cmd.render;
      this.c[1] = slot;
      this.c[2] = audio.length;
      this.c[3] = version & 0xffff;
      this.c[4] = Math.floor(version / 65536);
      this.cmd.push(this.c, 0, CMD_WIDTH);
      this.nudge();
      return;
    }
    if (audio.buffer instanceof SharedArrayBuffer) {
      this.worker?.postMessage({ audio, version, ready });
      return;
    }
    const copy = audio.slice();
    this.worker?.postMessage({ audio: copy, version, ready: null }, [copy.buffer]);
  }

  private send(op: number, a: number, b = 0): void {
    this.c.fill(0);
    this.c[0] = op;
    this.c[1] = a;
    this.c[2] = b;
    this.cmd.push(this.c, 0, CMD_WIDTH);
    this.nudge();
  }

  /** Wakes a worker that writes the device, so it applies a command now. */
  private nudge(): void {
    this.deviceRing?.bump();
  }

  /** Render slots the worker no longer reads become free for the engine again. */
  private reclaim(): void {
    while (this.released.pop(this.one)) this.slots.drop(this.one[0]!, Holder.worker);
  }

  /** The audio task: grant one credit per block the device has room for, keeping the reserve. */
  private grant(): void {
    this.reclaim();
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
    if (!this.running || this.device || this.room() < 1) return;
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
      if (this.device) this.reclaim();
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
        for (const l of this.listeners) l(this.block, this.info, at);
      }
      const seen = Atomics.load(header, 0);
      const w = (Atomics as unknown as AtomicsWithWaitAsync).waitAsync(header, 0, seen, 1000);
      if (w.async) void w.value.then(step);
      else setImmediate(step);
    };
    step();
  }
}

/** Node 20 has Atomics.waitAsync; the ES2022 lib typings do not. */
interface AtomicsWithWaitAsync {
  waitAsync(a: Int32Array, index: number, value: number, timeoutMs?: number): { async: false; value: string } | { async: true; value: Promise<string> };
}
