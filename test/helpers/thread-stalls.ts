import type { Clock } from '../../core/scheduler/clock';

/**
 * A real-clock test's sleeps, each timed: a wake-up later than `thresholdMs` past its due time is a
 * stall of this thread (a garbage collection, another test's leftovers, the machine lending the
 * core elsewhere). A test whose writer runs on this thread can then tell a fault of the code under
 * test (a dry device while this thread ran on time) from the machine's. It adds no timer of its
 * own: a 1 ms watch timer on this thread changes what the test measures.
 */
export function timedSleeps(clock: Clock, thresholdMs: number): { readonly stalls: number[]; sleep(ms: number): Promise<void> } {
  const stalls: number[] = [];
  return {
    stalls,
    async sleep(ms: number): Promise<void> {
      const due = performance.now() + ms;
      await clock.sleep(ms);
      const late = performance.now() - due;
      if (late > thresholdMs) stalls.push(ms + late);
    },
  };
}
