import type { AudioOut } from '../devices/audio-out/audio-out';
import type { UnderrunRecord } from '../devices/audio-out/shared-pcm-ring';
import type { Scheduler } from '../scheduler/scheduler';
import type { Clock } from '../scheduler/clock';
import type { AudioPath, BlockListener } from './audio-path';
import { BlockListeners } from './block-listeners';
import { BlockMixer, type MixerOptions } from './block-mixer';
import { OutputLevels } from './output-levels';

/**
 * The audio path for the VirtualClock: the mixer runs synchronously on the scheduler's audio task,
 * one block per block period, written to the audio-out driver while it has room (so its buffer
 * stays primed), so a replay computes the same blocks at the same instants every time.
 *
 * Realtime boundary: `tick` allocates nothing and awaits nothing.
 */
export class SyncAudioPath implements AudioPath {
  readonly blockSize: number;
  readonly sampleRate: number;
  readonly mixer: BlockMixer;
  private readonly block: Float32Array;
  private held = false;
  private readonly listeners = new BlockListeners();
  readonly levels = new OutputLevels();
  private blocked = 0;
  private readonly taskId = 'engine-audio';

  constructor(
    private readonly deps: { clock: Clock; scheduler: Scheduler; audioOut: AudioOut },
    options: MixerOptions,
  ) {
    this.blockSize = options.blockSize;
    this.sampleRate = options.sampleRate;
    this.mixer = new BlockMixer(options);
    this.block = new Float32Array(options.blockSize);
  }

  private produced = 0;

  get blocksProduced(): number {
    return this.produced;
  }

  get xruns(): number {
    return this.deps.audioOut.xruns + this.blocked;
  }

  /** None kept: on the virtual clock the blocks are filled on the card's own time (see AudioPath.underrunRecords). */
  underrunRecords(): readonly UnderrunRecord[] {
    return [];
  }

  get listening(): boolean {
    return this.listeners.listening;
  }

  onBlock(listener: BlockListener): () => void {
    return this.listeners.add(listener);
  }

  async start(): Promise<void> {
    const periodMs = (this.blockSize * 1000) / this.sampleRate;
    this.deps.scheduler.addAudio({ id: this.taskId, periodMs, run: () => this.tick() });
  }

  async stop(): Promise<void> {
    this.deps.scheduler.remove(this.taskId);
  }

  trigger(minVersion = 0, playhead = -1): void {
    this.mixer.trigger(minVersion, playhead);
  }

  setLoop(on: boolean): void {
    this.mixer.setLoop(on);
  }

  setPlayhead(p: number): void {
    this.mixer.setPlayhead(p);
  }

  setVolume(v: number): void {
    this.mixer.setVolume(v);
  }

  setRender(audio: Float32Array, version: number, ready: Int32Array | null = null): void {
    this.mixer.setRender(audio, version, ready);
  }

  soundingAt(): number {
    return this.mixer.soundingAt;
  }

  /** One audio period: top the device up, at most a few blocks, never waiting. */
  private tick(): void {
    const out = this.deps.audioOut;
    for (let n = 0; n < 8; n++) {
      if (!this.held) {
        if (out.space() < this.blockSize) return;
        this.mixer.fill(this.block);
        this.levels.take(this.block);
        this.held = true;
      }
      const droppedBefore = out.dropped;
      if (!out.write(this.block)) {
        if (out.dropped > droppedBefore) {
          this.held = false; // lost (device gone): counted as an xrun, the next block is fresh
          this.blocked++;
        }
        return;
      }
      this.held = false;
      this.produced++;
      const now = this.deps.clock.now();
      this.listeners.emit(this.block, this.mixer.info, now);
    }
  }
}
