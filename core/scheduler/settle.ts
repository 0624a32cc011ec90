import type { Clock } from './clock';

/**
 * Awaits `work`. A clock that is not real moves only when someone advances it, so while the work is
 * pending this advances time in small steps (up to `limitMs` of its time); on the real clock it
 * simply awaits.
 */
export async function settle<T>(clock: Clock, work: Promise<T>, stepMs = 1, limitMs = 10_000): Promise<T> {
  if (clock.real) return work;
  let done = false;
  const tracked = work.finally(() => (done = true));
  tracked.catch(() => undefined);
  const start = clock.now();
  while (!done && clock.now() - start < limitMs) await clock.advanceTo(clock.now() + stepMs);
  return tracked;
}
