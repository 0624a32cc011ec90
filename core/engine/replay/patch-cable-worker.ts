import { parentPort, workerData } from 'node:worker_threads';
import { Ads1x15Emulator } from '../../devices/cv-adc/ads1x15-emulator';
import { MonotonicClock } from '../../scheduler/monotonic-clock';
import { setThreadPriority } from '../../scheduler/thread-priority';
import { CableStart, type PatchCableInit } from './patch-cable-protocol';

/** Bytes of pin memory per ADC chip (four float64 volts), as EmulatedI2cGpioHardware lays it out. */
const PIN_BYTES = 32;
/** Lateness an event may have before the rest of the patch moves with it, ms. */
const MAX_LATE_MS = 1;

/**
 * The patch cables of a realtime replay, in a thread of their own: each CV and gate event sets
 * the emulated ADC pins at its time (shared memory, as a cable would), whatever the host's threads
 * are doing. It sleeps in Atomics.wait until each event.
 */
function run(init: PatchCableInit): void {
  setThreadPriority('patchCable');
  // Plugged in before the replay starts: making this thread realtime forks a process (chrt), and
  // a fork of the whole host at the replay's start held its threads for tens of milliseconds.
  const signal = new Int32Array(init.start, 0, 1);
  parentPort!.postMessage('plugged');
  while (Atomics.load(signal, 0) === CableStart.waiting) Atomics.wait(signal, 0, CableStart.waiting);
  if (Atomics.load(signal, 0) !== CableStart.go) return;
  const startEpochMs = new Float64Array(init.start, 8, 1)[0]!;
  const clock = new MonotonicClock();
  const chips = new Map<number, Ads1x15Emulator>();
  const chip = (i: number): Ads1x15Emulator => {
    let c = chips.get(i);
    if (!c) chips.set(i, (c = new Ads1x15Emulator(clock, { pins: new Float64Array(init.adcPins, i * PIN_BYTES, 4), dividerRatio: init.dividerRatio, referenceVolts: init.referenceVolts })));
    return c;
  };
  const applied = new Float64Array(init.applied);
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  const epochNow = (): number => performance.timeOrigin + performance.now();
  // A cable that falls behind (this thread started late on a loaded machine, or was held off a
  // core) plays the rest of the patch late by as much, never squeezed: overdue events applied back
  // to back turned a 20 ms gate into a pulse no ADC poll could see.
  let lateBy = 0;
  for (const [i, e] of init.events.entries()) {
    const due = startEpochMs + e.t + lateBy;
    // Sleeps to the event (Atomics.wait wakes within tens of microseconds); it never spins, so a
    // patch of fast LFOs costs the host's two cores nothing but the writes.
    for (let left = due - epochNow(); left > 0; left = due - epochNow()) Atomics.wait(sleeper, 0, 0, left);
    const now = epochNow();
    if (now - due > MAX_LATE_MS) lateBy += now - due;
    applied[i] = now;
    chip(e.chip).setJackVolts(e.channel, e.volts);
  }
}

run(workerData as PatchCableInit);
