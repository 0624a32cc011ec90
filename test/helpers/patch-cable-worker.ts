import { parentPort, workerData } from 'node:worker_threads';
import { Ads1x15Emulator } from '../../core/devices/cv-adc/ads1x15-emulator';
import { MonotonicClock } from '../../core/scheduler/monotonic-clock';

/** What the patch cable is plugged into and what it plays. */
export interface PatchCableInit {
  /** The emulated ADC chips' pins (EmulatedI2cGpioHardware.adcPins). */
  readonly adcPins: SharedArrayBuffer;
  /** Which chip (index in board order) and channel the gate jack is wired to. */
  readonly chipIndex: number;
  readonly channel: number;
  readonly dividerRatio: number;
  readonly referenceVolts: number;
  readonly gates: number;
  readonly everyMs: number;
  readonly highMs: number;
  /** Where each rising edge's time goes (ms since the epoch: performance.timeOrigin + now()). */
  readonly edges: SharedArrayBuffer;
}

/**
 * A sequencer in a thread of its own, patched into a gate jack: it drives the emulated ADC's pins
 * directly (shared memory, as a cable would), so that nothing the host's threads do can delay its
 * edges. Each edge's time is written where the test can read it.
 */
function run(init: PatchCableInit): void {
  const clock = new MonotonicClock();
  const pins = new Float64Array(init.adcPins, init.chipIndex * 32, 4);
  const chip = new Ads1x15Emulator(clock, { pins, dividerRatio: init.dividerRatio, referenceVolts: init.referenceVolts });
  const edges = new Float64Array(init.edges);
  const start = performance.now() + 100;
  let n = 0;
  const until = (t: number): void => {
    while (performance.now() < t - 2) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    while (performance.now() < t);
  };
  for (; n < init.gates; n++) {
    const at = start + n * init.everyMs;
    until(at);
    chip.setJackVolts(init.channel, 5);
    edges[n] = performance.timeOrigin + performance.now();
    until(at + init.highMs);
    chip.setJackVolts(init.channel, 0);
  }
  parentPort!.postMessage('done');
}

run(workerData as PatchCableInit);
