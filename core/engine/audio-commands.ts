import type { MessagePort } from 'node:worker_threads';
import { SharedPcmRing, type SharedPcmRingMemory } from '../devices/audio-out/shared-pcm-ring';
import { Holder, RenderSlots, type RenderBuffer, type RenderBuffers, type RenderSlotMemory } from './render-slots';
import { SpscRing } from '../shared-memory/spsc-ring';
import { Cmd, CMD_WIDTH, Ctl } from './worker-protocol';

/**
 * What a thread needs to command an audio worker it did not start: the command ring, the render
 * slots and the ring of slots handed back, the device's wake word, and a port for renders that fit
 * no slot. All of it shared memory (or a transferable port), so the commands may come from the
 * control thread while another thread started the worker and observes its blocks.
 */
export interface AudioCommandShare {
  readonly cmd: SharedArrayBuffer;
  readonly slots: RenderSlotMemory;
  readonly slotSamples: number;
  readonly released: SharedArrayBuffer;
  /** The device's ring, when the worker writes the device (bumping it wakes the worker at once). */
  readonly deviceRing?: SharedPcmRingMemory;
  /** Where renders that fit no slot are posted (the worker reads it with its own port). */
  readonly renders: MessagePort;
  /** The worker's control block (read here: where the newest voice is, Ctl.soundingAt). */
  readonly ctrl: SharedArrayBuffer;
}

/**
 * The command side of the audio path: gates, loop, playhead, volume and renders, pushed through a
 * lock-free ring to the audio worker; renders are written into render slots shared with it once
 * and named by command, and come back through a second ring when it no longer reads them. One
 * thread commands (a single producer). `prompt` is called after a trigger or a loop start (the
 * credit path grants a block at once); `post` carries a render that fits no slot.
 */
export class AudioCommands implements RenderBuffers {
  private readonly c = new Float32Array(CMD_WIDTH);
  private readonly one = new Float32Array(1);
  private readonly deviceRing: SharedPcmRing | undefined;

  constructor(
    private readonly cmd: SpscRing,
    private readonly slots: RenderSlots,
    private readonly released: SpscRing,
    private readonly post: (audio: Float32Array, version: number, ready: Int32Array | null) => void,
    deviceRing: SharedPcmRingMemory | undefined,
    private readonly ctrl: Int32Array,
    private readonly prompt: () => void = () => undefined,
  ) {
    this.deviceRing = deviceRing && new SharedPcmRing(deviceRing);
  }

  /** Commands for a worker another thread started, from what it shared. */
  static attach(share: AudioCommandShare): AudioCommands {
    const post = (audio: Float32Array, version: number, ready: Int32Array | null): void => {
      if (audio.buffer instanceof SharedArrayBuffer) return share.renders.postMessage({ audio, version, ready });
      const copy = audio.slice();
      share.renders.postMessage({ audio: copy, version, ready: null }, [copy.buffer]);
    };
    return new AudioCommands(new SpscRing(share.cmd), RenderSlots.attach(share.slots, share.slotSamples), new SpscRing(share.released), post, share.deviceRing, new Int32Array(share.ctrl));
  }

  /** Where the render engine writes its renders: the slots, named to the worker by command. */
  get renderBuffers(): RenderBuffers {
    return this;
  }

  /** A free slot for a render (slots the worker let go are reclaimed first). */
  acquire(samples: number): RenderBuffer | undefined {
    this.reclaim();
    return this.slots.acquire(samples);
  }

  release(audio: Float32Array): void {
    this.slots.release(audio);
  }

  /** Render slots free (held neither by the engine nor by the worker; those it let go are reclaimed first). */
  get freeRenderSlots(): number {
    this.reclaim();
    return this.slots.free;
  }

  trigger(minVersion = 0, playhead = -1): void {
    this.send(Cmd.trigger, minVersion & 0xffff, Math.floor(minVersion / 65536), playhead);
    this.prompt();
  }

  setLoop(on: boolean): void {
    this.send(on ? Cmd.loopOn : Cmd.loopOff, 0);
    if (on) this.prompt();
  }

  setPlayhead(p: number): void {
    this.send(Cmd.playhead, p);
  }

  setVolume(v: number): void {
    this.send(Cmd.volume, v);
  }

  /** Where the newest sounding voice is in its render, as the worker wrote it after its last block (-1: none). */
  soundingAt(): number {
    return Atomics.load(this.ctrl, Ctl.soundingAt);
  }

  /** A render in a slot is named to the worker by command; any other is posted (shared as is, or copied and transferred). */
  setRender(audio: Float32Array, version: number, ready: Int32Array | null = null): void {
    this.reclaim();
    const slot = this.slots.slotOf(audio);
    if (slot < 0) return this.post(audio, version, ready);
    this.slots.hold(slot, Holder.worker);
    this.c.fill(0);
    this.c[0] = ready ? Cmd.renderFilling : Cmd.render;
    this.c[1] = slot;
    this.c[2] = audio.length;
    this.c[3] = version & 0xffff;
    this.c[4] = Math.floor(version / 65536);
    this.cmd.push(this.c, 0, CMD_WIDTH);
    this.nudge();
  }

  /** Render slots the worker no longer reads become free for the engine again. */
  reclaim(): void {
    while (this.released.pop(this.one)) this.slots.drop(this.one[0]!, Holder.worker);
  }

  /** The worker stopped: it holds no slot any more. */
  workerGone(): void {
    this.slots.dropAll(Holder.worker);
  }

  private send(op: number, a: number, b = 0, c = 0): void {
    this.c.fill(0);
    this.c[0] = op;
    this.c[1] = a;
    this.c[2] = b;
    this.c[3] = c;
    this.cmd.push(this.c, 0, CMD_WIDTH);
    this.nudge();
  }

  /** Wakes a worker that writes the device, so it applies a command now. */
  private nudge(): void {
    this.deviceRing?.bump();
  }
}
