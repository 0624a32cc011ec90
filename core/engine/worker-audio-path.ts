import type { AudioOut } from '../devices/audio-out/audio-out';
import type { Clock } from '../scheduler/clock';
import type { Scheduler } from '../scheduler/scheduler';
import type { AudioCommands } from './audio-commands';
import type { AudioPath } from './audio-path';
import type { MixerOptions } from './block-mixer';
import { AudioThread } from './audio-thread';
import type { RenderBuffers } from './render-slots';

export { TRIGGER_RESERVE_BLOCKS } from './audio-thread';

/**
 * The audio path on the real clock with its commands from this thread: the audio worker and its
 * observation ({@link AudioThread}) and the commands to it ({@link AudioCommands}) in one object.
 * A control thread of its own instead commands an AudioThread started here through
 * `AudioThread.commandShare()`.
 */
export class WorkerAudioPath extends AudioThread implements AudioPath {
  private readonly commands: AudioCommands;

  constructor(deps: { clock: Clock; scheduler: Scheduler; audioOut: AudioOut }, options: MixerOptions & { shareDevice?: boolean }) {
    super(deps, options);
    this.commands = this.localCommands();
  }

  /** Where the render engine writes its renders (the slots this path shares with its worker). */
  get renderBuffers(): RenderBuffers {
    return this.commands.renderBuffers;
  }

  /** Render slots free (held neither by the engine nor by the worker). */
  get freeRenderSlots(): number {
    return this.commands.freeRenderSlots;
  }

  override async stop(): Promise<void> {
    await super.stop();
    this.commands.workerGone();
  }

  trigger(minVersion = 0, playhead = -1): void {
    this.commands.trigger(minVersion, playhead);
  }

  setLoop(on: boolean): void {
    this.commands.setLoop(on);
  }

  setPlayhead(p: number): void {
    this.commands.setPlayhead(p);
  }

  setVolume(v: number): void {
    this.commands.setVolume(v);
  }

  setRender(audio: Float32Array, version: number, ready: Int32Array | null = null): void {
    this.commands.setRender(audio, version, ready);
  }

  soundingAt(): number {
    return this.commands.soundingAt();
  }
}
