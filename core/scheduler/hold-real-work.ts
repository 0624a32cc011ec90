import type { Clock } from './clock';

/**
 * Marks `work` as real work during which the clock's time stands still ({@link Clock.hold}: on a
 * virtual clock time waits for it; on the real clock it is just `work`). Wrap anything that computes
 * or reads files in real time while a replay or test drives a virtual clock: model loads, renders,
 * bank reads.
 */
export function holdRealWork<T>(clock: Clock, work: Promise<T>): Promise<T> {
  return clock.hold(work);
}
