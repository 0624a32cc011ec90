import type { Clock } from '../../core/scheduler/clock';

/** The longest step a timed sleep takes between two looks at the clock. */
const STEP_MS = 5;

/**
 * A real-clock test's sleeps, timed in steps of at most {@link STEP_MS}: a wake-up later than
 * `thresholdMs` past its due time is a stall of this thread (a garbage collection, another test's
 * leftovers, the machine lending the core elsewhere). A test whose writer runs on this thread can
 * then tell a fault of the code under test (a dry device while this thread ran on time) from the
 * machine's. It runs only while the test sleeps: a watch timer of its own, firing every
 * millisecond between the test's steps, changed what the test measured.
 */
export function timedSleeps(clock: Clock, thresholdMs: number): { readonly stalls: number[]; sleep(ms: number): Promise<void> } {
  const stalls: number[] = [];
  return {
    stalls,
    async sleep(ms: number): Promise<void> {
      const end = performance.now() + ms;
      for (let left = ms; left > 0; left = end - performance.now()) {
        const step = Math.min(left, STEP_MS);
        const due = performance.now() + step;
        await clock.sleep(step);
        const late = performance.now() - due;
        if (late > thresholdMs) stalls.push(step + late);
      }
    },
  };
}
