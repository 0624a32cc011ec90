import type { Clock } from './clock';
import { VirtualClock } from './virtual-clock';

/**
 * Awaits `work`. On a virtual clock nothing moves unless someone advances it, so while the work is
 * pending this advances time in small steps (up to `limitMs` of virtual time); on the real clock it
 * simply awaits.
 */
export async function settle<T>(clock: Clock, work: Promise<T>, stepMs = 1, limitMs = 10_000): Promise<T> {
  if (!(clock instanceof VirtualClock)) return work;
  let done = false;
  const tracked = work.finally(() => (done = true));
  tracked.catch(() => undefined);
  const start = clock.now();
  while (!done && clock.now() - start < limitMs) await clock.advance(stepMs);
  return tracked;
}
