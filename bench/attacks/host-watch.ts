import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { longestGap, nowMs, peakWithin } from './gaps';

export interface WatchOptions {
  /** The host process whose VmRSS is sampled. */
  readonly pid: number;
  /** A cheap route of the host, asked over and over (e.g. http://127.0.0.1:PORT/api/stats). */
  readonly url: string;
  readonly headers?: Record<string, string>;
  /** The address the probe's socket comes from (its own connection cap, apart from an attacker's). */
  readonly localAddress?: string;
  readonly probeEveryMs: number;
  readonly rssEveryMs: number;
}

/** Everything the watcher recorded so far: answer times (wall ms), their latencies, RSS samples. */
export interface WatchSnapshot {
  readonly answers: number[];
  readonly latencies: number[];
  readonly rss: Array<[number, number]>;
  readonly failures: number;
}

/** What the watcher saw over one window of time. */
export interface WindowFigures {
  readonly ms: number;
  /** Longest stretch without an answer of the probed route. */
  readonly longestGapMs: number;
  readonly answers: number;
  /** Highest VmRSS sampled in the window, and the last sample before it (bytes). */
  readonly peakRssBytes: number;
  readonly startRssBytes: number;
}

/**
 * Watches a host from outside while it is attacked, on a thread of its own: asks a cheap route
 * every 10 ms (its longest gap between answers bounds how long the host's event loop was blocked)
 * and samples the host's VmRSS every 20 ms from /proc.
 */
export class HostWatch {
  private constructor(private readonly worker: Worker) {}

  static start(options: Omit<WatchOptions, 'probeEveryMs' | 'rssEveryMs'> & Partial<WatchOptions>): HostWatch {
    const worker = new Worker(join(__dirname, 'host-watch-worker.js'), { workerData: { probeEveryMs: 10, rssEveryMs: 20, ...options } });
    worker.unref();
    return new HostWatch(worker);
  }

  /** Marks the start of a window; `window(mark)` then tells what happened since. */
  mark(): number {
    return nowMs();
  }

  async window(from: number, to = nowMs()): Promise<WindowFigures> {
    return figures(await this.ask('snapshot'), from, to);
  }

  async stop(): Promise<WatchSnapshot> {
    const last = await this.ask('stop');
    await this.worker.terminate();
    return last;
  }

  private ask(type: 'snapshot' | 'stop'): Promise<WatchSnapshot> {
    return new Promise((resolve, reject) => {
      const onMessage = (snapshot: WatchSnapshot): void => {
        this.worker.off('error', reject);
        resolve(snapshot);
      };
      this.worker.once('message', onMessage);
      this.worker.once('error', reject);
      this.worker.postMessage({ type });
    });
  }
}

export function figures(s: WatchSnapshot, from: number, to: number): WindowFigures {
  // The figure before the window: the last sample taken at or before its start.
  const firstRss = [...s.rss].reverse().find(([t]) => t <= from)?.[1] ?? s.rss.find(([t]) => t >= from)?.[1] ?? 0;
  return {
    ms: to - from,
    longestGapMs: longestGap(s.answers, from, to),
    answers: s.answers.filter((t) => t >= from && t <= to).length,
    peakRssBytes: peakWithin(s.rss, from, to) ?? firstRss,
    startRssBytes: firstRss,
  };
}
