import type { HostProcess } from '../soak-start/host-process';
import { healthDelta, readHealth, type Health } from './host-health';
import type { HostWatch } from './host-watch';

/** The host left alone for a few seconds: what an attack's figures are read against. */
export interface IdleFigures {
  readonly seconds: number;
  /** Longest gap between answers of the watcher's route. */
  readonly longestGapMs: number;
  readonly rssBytes: number;
  /** Xruns and missed deadlines over the idle seconds (on a shared machine, not always 0). */
  readonly health: Health;
}

/** `seconds` of the host left alone, watched as the attacks are (after half a second to settle). */
export async function idleBaseline(host: HostProcess, watch: HostWatch, seconds: number, from?: string, headers?: Record<string, string>): Promise<IdleFigures> {
  await new Promise((r) => setTimeout(r, 500));
  const before = await readHealth(host.url, from, headers);
  const mark = watch.mark();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const w = await watch.window(mark);
  const after = await readHealth(host.url, from, headers);
  return { seconds, longestGapMs: w.longestGapMs, rssBytes: host.figures().rssBytes, health: healthDelta(before, after) };
}
