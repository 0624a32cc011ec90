import { workerData } from 'node:worker_threads';
import { SpscRing } from '../../shared-memory/spsc-ring';
import { setThreadPriority } from '../../scheduler/thread-priority';
import { CardWord, PLAYED_WRAP, type CardClockInit } from './card-clock-protocol';
import { SharedPcmRing } from './shared-pcm-ring';

/**
 * The emulated card's clock once its buffer is shared (see `EmulatedPcmSink.share()`): a thread of
 * its own plays one period of the shared ring at each period's due time, on the real clock, as the
 * card's DMA does whatever the host's threads are doing. Same rules as the card on the Clock: it
 * starts at the start threshold; a period that finds less than a period buffered is an underrun
 * and stops it until the writer fills it again; a card gone (not present) drops what it holds.
 */
function run(init: CardClockInit): void {
  const state = new Int32Array(init.state);
  Atomics.store(state, CardWord.raised, setThreadPriority('cardClock') ? 1 : 0);
  Atomics.store(state, CardWord.alive, 1);
  const ring = new SharedPcmRing(init.ring);
  const tape = new SpscRing(init.tape);
  const period = init.periodFrames;
  const periodMs = (period * 1000) / ring.rate;
  const played = new Float32Array(period * ring.channels);
  let due = 0;
  const sleep = (ms: number): void => {
    if (ms > 0) Atomics.wait(state, CardWord.stop, 0, ms);
  };
  const count = (frames: number): void => {
    const low = Atomics.load(state, CardWord.playedLow) + frames;
    if (low >= PLAYED_WRAP) Atomics.add(state, CardWord.playedHigh, 1);
    Atomics.store(state, CardWord.playedLow, low % PLAYED_WRAP);
  };
  for (;;) {
    if (Atomics.load(state, CardWord.stop)) return;
    if (!ring.present) {
      ring.play(ring.fill);
      Atomics.store(state, CardWord.running, 0);
      sleep(periodMs);
      continue;
    }
    if (!Atomics.load(state, CardWord.running)) {
      if (ring.fill < init.startThreshold) {
        sleep(periodMs);
        continue;
      }
      Atomics.store(state, CardWord.running, 1);
      due = performance.now() + periodMs;
    }
    sleep(due - performance.now());
    if (Atomics.load(state, CardWord.stop)) return;
    const lateUs = Math.round((performance.now() - due) * 1000);
    if (lateUs > Atomics.load(state, CardWord.latestUs)) Atomics.store(state, CardWord.latestUs, lateUs);
    const recording = Atomics.load(state, CardWord.recording) === 1;
    const take = ring.play(period, recording ? played : undefined);
    if (recording && !tape.push(played, 0, take * ring.channels)) Atomics.add(state, CardWord.tapeLost, take);
    count(take);
    if (take < period) {
      Atomics.add(state, CardWord.underruns, 1);
      Atomics.store(state, CardWord.running, 0);
      continue;
    }
    // Due times accumulate from the start, so the card keeps its rate whatever the wake-up jitter.
    due += periodMs;
  }
}

run(workerData as CardClockInit);
