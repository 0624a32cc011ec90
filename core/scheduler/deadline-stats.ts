/** Deadline figures of one task, as exposed in metrics. Times in milliseconds. */
export interface TaskMetrics {
  readonly kind: TaskKind;
  readonly priority: number;
  readonly runs: number;
  readonly misses: number;
  /** Runs that could not start because the previous one had not finished. */
  readonly overruns: number;
  readonly errors: number;
  readonly maxLatenessMs: number;
  readonly p99LatenessMs: number;
  readonly maxDurationMs: number;
}

export type TaskKind = 'audio' | 'periodic' | 'event';

/**
 * Lateness and duration accounting for one task. `record` runs on every task start, including
 * the audio block clock, so it writes into a preallocated ring and allocates nothing.
 */
export class DeadlineStats {
  private readonly lateness: Float64Array;
  private next = 0;
  private filled = 0;
  runs = 0;
  misses = 0;
  overruns = 0;
  errors = 0;
  maxLatenessMs = 0;
  maxDurationMs = 0;

  constructor(windowSize = 2048) {
    this.lateness = new Float64Array(windowSize);
  }

  /** One completed run: how late it started and how long it took; a miss if it ended past the deadline. */
  record(latenessMs: number, durationMs: number, deadlineMs: number): void {
    this.runs++;
    this.lateness[this.next] = latenessMs;
    this.next = (this.next + 1) % this.lateness.length;
    if (this.filled < this.lateness.length) this.filled++;
    if (latenessMs > this.maxLatenessMs) this.maxLatenessMs = latenessMs;
    if (durationMs > this.maxDurationMs) this.maxDurationMs = durationMs;
    if (latenessMs + durationMs > deadlineMs) this.misses++;
  }

  /** The 99th percentile of lateness over the recent window (nearest-rank). Not for the audio path. */
  p99(): number {
    if (this.filled === 0) return 0;
    const sorted = this.lateness.slice(0, this.filled).sort(); // a typed array sorts numerically
    return sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)]!;
  }

  snapshot(kind: TaskKind, priority: number): TaskMetrics {
    return {
      kind, priority,
      runs: this.runs, misses: this.misses, overruns: this.overruns, errors: this.errors,
      maxLatenessMs: this.maxLatenessMs, p99LatenessMs: this.p99(), maxDurationMs: this.maxDurationMs,
    };
  }
}
