import { workerData } from 'node:worker_threads';
import { FineTimerSlot, type FineTimerShared } from './fine-timer-protocol';

/**
 * The fine timer's thread: sleeps in Atomics.wait until the armed deadline (process.hrtime, the
 * same monotonic clock in every thread), then bumps FIRED and notifies. Re-arming wakes it early.
 */
function run(shared: FineTimerShared): void {
  const ctrl = new Int32Array(shared, 0, 4);
  const deadline = new BigInt64Array(shared, 16, 1);
  let fired = Atomics.load(ctrl, FineTimerSlot.fired);
  for (;;) {
    const seq = Atomics.load(ctrl, FineTimerSlot.armed);
    if (Atomics.load(ctrl, FineTimerSlot.stop) !== 0) return;
    if (seq === fired) {
      Atomics.wait(ctrl, FineTimerSlot.armed, seq);
      continue;
    }
    const leftMs = Number(Atomics.load(deadline, 0) - process.hrtime.bigint()) / 1e6;
    if (leftMs > 0) {
      Atomics.wait(ctrl, FineTimerSlot.armed, seq, leftMs);
      continue;
    }
    fired = seq;
    Atomics.store(ctrl, FineTimerSlot.fired, seq);
    Atomics.notify(ctrl, FineTimerSlot.fired);
  }
}

run(workerData as FineTimerShared);
