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
