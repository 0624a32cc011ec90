import { NeurorackError } from '../errors/neurorack-error';
import type { Clock, TimerHandle } from './clock';
import { DeadlineStats, type TaskKind, type TaskMetrics } from './deadline-stats';

/** Priorities: higher runs first when several tasks are due at once. */
export const Priority = { audio: 100, event: 50, control: 20, display: 10, background: 0 } as const;

interface TaskBase {
  readonly id: string;
  readonly priority?: number;
  /** A run that ends later than this after its due time counts as a deadline miss. */
  readonly deadlineMs?: number;
}

/** The audio block clock: synchronous, allocation-free; one run per block. */
export interface AudioTaskSpec extends TaskBase {
  readonly periodMs: number;
  readonly run: () => void;
}

/** A periodic control task (CV scan, screen, LED). May be async; never re-entered while running. */
export interface PeriodicTaskSpec extends TaskBase {
  readonly periodMs: number;
  readonly run: () => void | Promise<void>;
}

/** An event task (gate edge, encoder turn): runs once per posted event, in order. */
export interface EventTaskSpec<T> extends TaskBase {
  readonly run: (payload: T) => void | Promise<void>;
  /** Events waiting beyond this are dropped (oldest first) and counted as misses. */
  readonly maxQueue?: number;
}

interface Task {
  readonly id: string;
  readonly kind: TaskKind;
  readonly priority: number;
  readonly deadlineMs: number;
  readonly periodMs: number;
  readonly stats: DeadlineStats;
  nextDue: number;
  running: boolean;
  readonly run: (payload?: unknown) => void | Promise<void>;
  readonly queue: Array<{ payload: unknown; postedAt: number }>;
  readonly maxQueue: number;
}

/**
 * Runs the host's control and audio tasks on a Clock with priorities and per-task deadline
 * accounting. Periodic tasks keep a fixed rate: a late run does not shift the grid, and periods
 * skipped entirely count as misses. Errors thrown by tasks are counted and reported through
 * `onError`; they never stop the scheduler.
 */
export class Scheduler {
  private readonly tasks = new Map<string, Task>();
  private timer: TimerHandle | undefined;
  private wakeAt = Infinity;
  private running = false;
  private draining = false;

  constructor(
    private readonly clock: Clock,
    private readonly onError: (taskId: string, err: unknown) => void = () => undefined,
  ) {}

  addAudio(spec: AudioTaskSpec): void {
    this.add(spec, 'audio', spec.periodMs, spec.priority ?? Priority.audio);
  }

  addPeriodic(spec: PeriodicTaskSpec): void {
    this.add(spec, 'periodic', spec.periodMs, spec.priority ?? Priority.control);
  }

  addEvent<T>(spec: EventTaskSpec<T>): void {
    this.add(spec as EventTaskSpec<unknown>, 'event', 0, spec.priority ?? Priority.event, spec.maxQueue ?? 64);
  }

  remove(id: string): void {
    this.tasks.delete(id);
  }

  /** Queues one event for an event task; it runs at the next opportunity, by priority. */
  post<T>(id: string, payload: T): void {
    const task = this.tasks.get(id);
    if (!task || task.kind !== 'event') throw new NeurorackError('NR_TASK_INVALID', `no event task "${id}"`);
    if (task.queue.length >= task.maxQueue) {
      task.queue.shift();
      task.stats.misses++;
    }
    task.queue.push({ payload, postedAt: this.clock.now() });
    if (this.running) this.armAt(this.clock.now());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const now = this.clock.now();
    for (const t of this.tasks.values()) if (t.kind !== 'event') t.nextDue = now;
    this.armAt(now);
  }

  stop(): void {
    this.running = false;
    if (this.timer) this.clock.clearTimer(this.timer);
    this.timer = undefined;
    this.wakeAt = Infinity;
  }

  /** Deadline misses of every task together (cheap: for a screen that asks many times a second). */
  totalMisses(): number {
    let n = 0;
    for (const t of this.tasks.values()) n += t.stats.misses;
    return n;
  }

  /** Deadline misses per task id (cheap, as `totalMisses`: no percentile is computed). */
  missesByTask(): Map<string, number> {
    const out = new Map<string, number>();
    for (const t of this.tasks.values()) out.set(t.id, t.stats.misses);
    return out;
  }

  /** Deadline figures per task id (each task's lateness p99 sorts its window: not for every frame). */
  metrics(): Record<string, TaskMetrics> {
    const out: Record<string, TaskMetrics> = {};
    for (const t of this.tasks.values()) out[t.id] = t.stats.snapshot(t.kind, t.priority);
    return out;
  }

  private add(spec: TaskBase & { run: Task['run'] }, kind: TaskKind, periodMs: number, priority: number, maxQueue = 0): void {
    if (this.tasks.has(spec.id)) throw new NeurorackError('NR_TASK_DUPLICATE', `task "${spec.id}" is already scheduled`);
    if (kind !== 'event' && !(periodMs > 0)) throw new NeurorackError('NR_TASK_INVALID', `task "${spec.id}" needs a period > 0 ms, got ${periodMs}`);
    const deadlineMs = spec.deadlineMs ?? (kind === 'event' ? 10 : periodMs);
    this.tasks.set(spec.id, {
      id: spec.id, kind, priority, deadlineMs, periodMs, stats: new DeadlineStats(),
      nextDue: this.clock.now(), running: false, run: spec.run, queue: [], maxQueue,
    });
    if (this.running) this.armAt(this.clock.now());
  }

  private armAt(due: number): void {
    if (due >= this.wakeAt && this.timer) return;
    if (this.timer) this.clock.clearTimer(this.timer);
    this.wakeAt = due;
    this.timer = this.clock.setTimer(() => this.wake(), Math.max(0, due - this.clock.now()));
  }

  private wake(): void {
    this.timer = undefined;
    this.wakeAt = Infinity;
    if (!this.running || this.draining) return;
    this.draining = true;
    try {
      this.drain();
    } finally {
      this.draining = false;
    }
    this.rearm();
  }

  /** Runs everything due now, highest priority first, re-checking after each run. */
  private drain(): void {
    for (;;) {
      const now = this.clock.now();
      let best: Task | undefined;
      for (const t of this.tasks.values()) {
        const due = t.kind === 'event' ? t.queue.length > 0 && !t.running : t.nextDue <= now;
        if (due && (!best || t.priority > best.priority)) best = t;
      }
      if (!best) return;
      this.runTask(best, now);
    }
  }

  private runTask(task: Task, now: number): void {
    let scheduledAt: number;
    let payload: unknown;
    if (task.kind === 'event') {
      const ev = task.queue.shift()!;
      scheduledAt = ev.postedAt;
      payload = ev.payload;
    } else {
      scheduledAt = task.nextDue;
      const skipped = Math.floor((now - task.nextDue) / task.periodMs);
      task.nextDue += (skipped + 1) * task.periodMs;
      if (skipped > 0) task.stats.misses += skipped;
      if (task.running) {
        task.stats.overruns++;
        task.stats.misses++;
        return;
      }
    }
    const lateness = now - scheduledAt;
    let result: void | Promise<void>;
    try {
      result = task.run(payload);
    } catch (err) {
      task.stats.errors++;
      this.onError(task.id, err);
      task.stats.record(lateness, this.clock.now() - now, task.deadlineMs);
      return;
    }
    if (result && typeof (result as Promise<void>).then === 'function') {
      if (task.kind === 'audio') {
        task.stats.errors++;
        this.onError(task.id, new NeurorackError('NR_TASK_INVALID', `audio task "${task.id}" returned a promise; the audio path must not await`));
      }
      task.running = true;
      (result as Promise<void>).then(
        () => this.finishAsync(task, now, lateness),
        (err: unknown) => {
          task.stats.errors++;
          this.onError(task.id, err);
          this.finishAsync(task, now, lateness);
        },
      );
      return;
    }
    task.stats.record(lateness, this.clock.now() - now, task.deadlineMs);
  }

  private finishAsync(task: Task, startedAt: number, lateness: number): void {
    task.running = false;
    task.stats.record(lateness, this.clock.now() - startedAt, task.deadlineMs);
    if (this.running && task.kind === 'event' && task.queue.length) this.armAt(this.clock.now());
  }

  private rearm(): void {
    if (!this.running) return;
    let next = Infinity;
    for (const t of this.tasks.values()) {
      if (t.kind === 'event') {
        if (t.queue.length && !t.running) next = Math.min(next, this.clock.now());
      } else next = Math.min(next, t.nextDue);
    }
    if (next < Infinity) this.armAt(next);
  }
}
