import type { HostView } from '../ui/host-view';
import type { Scheduler } from '../scheduler/scheduler';
import type { EngineControl } from './control/engine-control';
import { SystemStats, type HostHealth } from './system-stats';

function controlHeap(bytes: number | null): { controlHeapUsedBytes?: number } {
  return bytes === null ? {} : { controlHeapUsedBytes: bytes };
}

/**
 * The host's counters: the health report (totals since start) and the statistics page (xruns and
 * deadline misses since its last reset), over both schedulers, this thread's and the control thread's.
 */
export class HostStats {
  private readonly startedMs = performance.now();
  private readonly system = new SystemStats();
  /** The counters as they were at the last reset (xruns, misses per task). */
  private base = { xruns: 0, misses: new Map<string, number>() };

  constructor(
    private readonly scheduler: Scheduler,
    private readonly engine: EngineControl,
  ) {}

  /** The process's health, for the web server's read-only stats (bench:soak-start reads it). */
  health(): HostHealth {
    this.system.sample();
    const m = process.memoryUsage();
    const tasks: Record<string, { runs: number; misses: number }> = {};
    for (const [id, t] of Object.entries({ ...this.scheduler.metrics(), ...this.engine.tasks() })) tasks[id] = { runs: t.runs, misses: t.misses };
    return {
      uptimeS: (performance.now() - this.startedMs) / 1000,
      cpuPercent: this.system.cpuPercent,
      memory: { rssBytes: m.rss, heapUsedBytes: m.heapUsed, arrayBuffersBytes: m.arrayBuffers, externalBytes: m.external, ...controlHeap(this.engine.threadHeapBytes()) },
      xruns: this.engine.audio.xruns,
      underruns: this.engine.audio.underrunRecords(),
      deadlineMisses: this.deadlineMisses(),
      tasks,
    };
  }

  /** Takes a system sample (CPU, memory, temperature) for the next `view`. */
  sample(): void {
    this.system.sample();
  }

  /** The statistics page (from the last `sample`). */
  view(): HostView['stats'] {
    return {
      cpuPercent: this.system.cpuPercent, memoryMb: this.system.rssMb, temperatureC: this.system.temperatureC, xruns: this.engine.audio.xruns - this.base.xruns,
      inferenceMs: this.engine.stats().lastRenderMs, ...this.missesSinceReset(), uptimeS: (performance.now() - this.startedMs) / 1000,
    };
  }

  /** The statistics page's xruns and deadline misses count from now (the health report keeps its totals). */
  reset(): void {
    this.base = { xruns: this.engine.audio.xruns, misses: this.missesByTask() };
  }

  /** Deadline misses per task since the last reset: in all and the tasks that missed. */
  private missesSinceReset(): { deadlineMisses: number; missedTasks: Array<{ id: string; misses: number }> } {
    const missedTasks: Array<{ id: string; misses: number }> = [];
    let deadlineMisses = 0;
    for (const [id, total] of this.missesByTask()) {
      const misses = total - (this.base.misses.get(id) ?? 0);
      if (misses <= 0) continue;
      deadlineMisses += misses;
      missedTasks.push({ id, misses });
    }
    missedTasks.sort((a, b) => b.misses - a.misses || a.id.localeCompare(b.id));
    return { deadlineMisses, missedTasks };
  }

  /**
   * Misses per task of both schedulers. The screen's view asks on every frame that changed (every
   * frame under moving CVs): this thread's scheduler counts them without its percentiles (which
   * sort 2,048 latenesses per task: 1.7 % of a core under the LFO patch); the control thread's
   * come with its last stats message.
   */
  private missesByTask(): Map<string, number> {
    const misses = this.scheduler.missesByTask();
    for (const [id, t] of Object.entries(this.engine.tasks())) misses.set(id, t.misses);
    return misses;
  }

  /** Misses of every scheduler: this thread's and the control thread's. */
  private deadlineMisses(): number {
    let n = this.scheduler.totalMisses();
    for (const t of Object.values(this.engine.tasks())) n += t.misses;
    return n;
  }
}
