/**
 * How a real clock waits less than a millisecond (Node's timers have a 1 ms floor): `add` runs
 * `run` at `due` (performance.now() ms), never before, unless removed first.
 * `firesItself`: it fires every entry on its own (no Node timer need stand beside each one).
 */
export interface FineWaits {
  readonly firesItself: boolean;
  add(due: number, run: () => void): number;
  remove(id: number): void;
}

/** A wait: what runs, and when (performance.now() ms). */
export interface FineWait {
  readonly id: number;
  readonly due: number;
  readonly run: () => void;
}

/** Inserts `wait` into `waits` (sorted by due time; ties keep the order they were added); returns its index. */
export function insertWait(waits: FineWait[], wait: FineWait): number {
  let i = waits.length;
  while (i > 0 && waits[i - 1]!.due > wait.due) i--;
  waits.splice(i, 0, wait);
  return i;
}

/** Runs and removes every wait due by `now`, in order; one that throws is reported as a throwing timer is, and the rest still run. */
export function fireDue(waits: FineWait[], now: number): void {
  while (waits.length > 0 && waits[0]!.due <= now) {
    const w = waits.shift()!;
    try {
      w.run();
    } catch (err) {
      queueMicrotask(() => {
        throw err;
      });
    }
  }
}
