import { workerData } from 'node:worker_threads';
import { SpscRing } from '../../shared-memory/spsc-ring';
import { setThreadPriority } from '../../scheduler/thread-priority';
import { CardWord, PLAYED_WRAP, type CardClockInit } from './card-clock-protocol';
import { epochNow, SharedPcmRing } from './shared-pcm-ring';

/**
 * The emulated card's clock once its buffer is shared (see `EmulatedPcmSink.share()`): a thread of
 * its own plays each period of the shared ring once it falls due, as the card's DMA does whatever
 * the host's threads are doing. The rules are the ring's (SharedPcmRing): the writer starts the
 * card at the start threshold once this thread runs (it arms the card); a period not written by
 * its due time is an underrun and stops it; the card's time runs from its start, so this thread
 * waking late plays the periods it owes at once without counting them against the writer; a card
 * gone (not present) drops what it holds.
 */
function run(init: CardClockInit): void {
  const state = new Int32Array(init.state);
  Atomics.store(state, CardWord.raised, setThreadPriority('cardClock') ? 1 : 0);
  Atomics.store(state, CardWord.alive, 1);
  const ring = new SharedPcmRing(init.ring, epochNow);
  ring.arm(true);
  const tape = new SpscRing(init.tape);
  const periodMs = ring.periodMs;
  const played = new Float32Array(ring.periodFrames * ring.channels);
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
    sleep(Atomics.exchange(state, CardWord.freezeMs, 0));
    if (!ring.present) {
      ring.halt();
      ring.play(ring.fill);
      sleep(periodMs);
      continue;
    }
    if (!ring.running) {
      ring.startIfFilled(); // the writer's write starts the card; after an underrun the buffer may already be full
      if (!ring.running) {
        sleep(periodMs);
        continue;
      }
    }
    sleep(ring.nextDueAt() - epochNow());
    if (Atomics.load(state, CardWord.stop)) return;
    const lateUs = Math.round((epochNow() - ring.nextDueAt()) * 1000);
    if (lateUs > Atomics.load(state, CardWord.latestUs)) Atomics.store(state, CardWord.latestUs, lateUs);
    for (;;) {
      const recording = Atomics.load(state, CardWord.recording) === 1;
      const take = ring.playDue(recording ? played : undefined);
      if (take < 0) break;
      if (recording && !tape.push(played, 0, take * ring.channels)) Atomics.add(state, CardWord.tapeLost, take);
      count(take);
    }
  }
}

run(workerData as CardClockInit);
