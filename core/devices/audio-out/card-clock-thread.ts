import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { SpscRing } from '../../shared-memory/spsc-ring';
import { CARD_WORDS, CardWord, PLAYED_WRAP, type CardClockInit } from './card-clock-protocol';
import type { SharedPcmRingMemory } from './shared-pcm-ring';

/** What the card played and this thread has not collected yet: about 2.7 s of 48 kHz stereo. */
const TAPE_SAMPLES = 2 ** 18;

/**
 * The control side of an emulated card whose clock runs in a thread of its own (see
 * card-clock-worker.ts): its counters, and what it played, collected into the recording. Whether
 * the card runs and its underruns are the ring's (SharedPcmRing).
 */
export class CardClockThread {
  private worker: Worker | undefined;
  private readonly state = new Int32Array(new SharedArrayBuffer(CARD_WORDS * 4));
  private readonly tape = new SpscRing(SpscRing.allocate(TAPE_SAMPLES));
  private readonly scratch = new Float32Array(TAPE_SAMPLES);

  constructor(ring: SharedPcmRingMemory, options: { recording: boolean }) {
    Atomics.store(this.state, CardWord.recording, options.recording ? 1 : 0);
    const init: CardClockInit = { ring, state: this.state.buffer as SharedArrayBuffer, tape: this.tape.buffer };
    this.worker = new Worker(join(__dirname, 'card-clock-worker.js'), { workerData: init });
    this.worker.unref();
  }

  get playedFrames(): number {
    for (;;) {
      const high = Atomics.load(this.state, CardWord.playedHigh);
      const low = Atomics.load(this.state, CardWord.playedLow);
      if (Atomics.load(this.state, CardWord.playedHigh) === high) return high * PLAYED_WRAP + low;
    }
  }

  /** Whether the clock's thread has started (it has its priority and plays periods as they fall due). */
  get alive(): boolean {
    return Atomics.load(this.state, CardWord.alive) === 1;
  }

  /** Whether the clock's thread runs at its raised priority (core/scheduler/thread-priority.ts). */
  get raisedPriority(): boolean {
    return Atomics.load(this.state, CardWord.raised) === 1;
  }

  /** The most a period was played after its due time, in ms (the clock thread's own lateness). */
  get latestPeriodMs(): number {
    return Atomics.load(this.state, CardWord.latestUs) / 1000;
  }

  /** Samples the card played that the recording lost (this thread did not collect them in time). */
  get tapeLost(): number {
    return Atomics.load(this.state, CardWord.tapeLost);
  }

  /** Test control: the clock's thread stops for `ms` once, within a period (see CardWord.freezeMs). */
  freeze(ms: number): void {
    Atomics.store(this.state, CardWord.freezeMs, Math.round(ms));
    Atomics.notify(this.state, CardWord.stop); // a thread asleep until its next period takes it now
  }

  setRecording(on: boolean): void {
    Atomics.store(this.state, CardWord.recording, on ? 1 : 0);
  }

  /** Hands what the card played since the last call to `keep`. */
  collect(keep: (samples: Float32Array, count: number) => void): void {
    const n = this.tape.availableRead();
    if (n > 0 && this.tape.pop(this.scratch, 0, n)) keep(this.scratch, n);
  }

  async stop(): Promise<void> {
    Atomics.store(this.state, CardWord.stop, 1);
    Atomics.notify(this.state, CardWord.stop);
    await this.worker?.terminate();
    this.worker = undefined;
  }
}
