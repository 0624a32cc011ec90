import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

/** The kernel's clock ticks per second (utime and stime count in them). */
export function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

export interface ProcSample {
  /** performance.now() when read, ms. */
  readonly at: number;
  /** utime + stime of every thread, s. */
  readonly cpuS: number;
  /** Peak and current resident set, bytes. */
  readonly peakRss: number;
  readonly rss: number;
}

/** One reading of /proc/PID (undefined once the process is gone). */
export function readProc(pid: number): ProcSample | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at state (field 3).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuS = (Number(fields[11]) + Number(fields[12])) / clockTicks();
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { at: performance.now(), cpuS, peakRss: kb('VmHWM'), rss: kb('VmRSS') };
  } catch {
    return undefined;
  }
}

/** CPU over a span of samples as a percentage of one core. */
export function cpuPercent(from: ProcSample, to: ProcSample): number {
  const wallS = (to.at - from.at) / 1000;
  return wallS > 0 ? ((to.cpuS - from.cpuS) / wallS) * 100 : 0;
}
