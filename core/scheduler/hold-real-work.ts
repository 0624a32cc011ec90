import type { Clock } from './clock';
import { VirtualClock } from './virtual-clock';

/**
 * Marks `work` as real work during which virtual time stands still (see VirtualClock.hold); on the
 * real clock it is just `work`. Wrap anything that computes or reads files in real time while a
 * replay or test drives a virtual clock: model loads, renders, bank reads.
 */
export function holdRealWork<T>(clock: Clock, work: Promise<T>): Promise<T> {
  return clock instanceof VirtualClock ? clock.hold(work) : work;
}
