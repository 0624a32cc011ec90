import { readFileSync } from 'node:fs';
import type { HostStats } from '../web/web-host';

/** The process's figures behind GET /api/stats (bench:soak-start reads them); the screen's are added by the adapter. */
export type HostHealth = Omit<HostStats, 'screen'>;

/** How often the process figures are read at most: each read costs a system call or a file. */
export const SYSTEM_SAMPLE_MS = 1000;

/**
 * The process's CPU (percent of one core over the last sample interval), resident memory and the
 * board's temperature, read at most once per SYSTEM_SAMPLE_MS however often they are asked for.
 */
export class SystemStats {
  private cpuBase = process.cpuUsage();
  private cpuBaseAt = performance.now();
  private sampledAt = Number.NEGATIVE_INFINITY;
  cpuPercent = 0;
  rssMb = 0;
  temperatureC: number | null = null;

  /** Reads the figures again when the last read is older than SYSTEM_SAMPLE_MS; returns whether it did. */
  sample(now = performance.now()): boolean {
    if (now - this.sampledAt < SYSTEM_SAMPLE_MS) return false;
    const used = process.cpuUsage(this.cpuBase);
    this.cpuPercent = ((used.user + used.system) / 1000 / Math.max(1, now - this.cpuBaseAt)) * 100;
    this.cpuBase = process.cpuUsage();
    this.cpuBaseAt = now;
    this.rssMb = process.memoryUsage.rss() / 2 ** 20;
    this.temperatureC = readTemperature();
    this.sampledAt = now;
    return true;
  }
}

function readTemperature(): number | null {
  try {
    return Number(readFileSync('/sys/class/thermal/thermal_zone0/temp', 'utf8')) / 1000;
  } catch {
    return null;
  }
}
