/** One minute of the soak, as printed and written to the JSON report. */
export interface MinuteRow {
  readonly minute: number;
  /** VmRSS of the host process (/proc), MiB. */
  readonly rssMiB: number;
  /** The host's main thread, from GET /api/stats, MiB. */
  readonly heapUsedMiB: number;
  readonly arrayBuffersMiB: number;
  /** The control thread's JS heap, MiB (null: the instrument runs on the main thread). */
  readonly controlHeapMiB: number | null;
  /** CPU of the whole host process over this minute (/proc utime + stime), percent of one core. */
  readonly cpuPercent: number;
  /** Totals so far, as the host's stats page shows them. */
  readonly xruns: number;
  readonly deadlineMisses: number;
  /**
   * Misses of the scheduler's `engine-audio` task (the control thread granting blocks); null where
   * there is none: the audio worker writes the card itself, and a missed audio deadline is the card
   * running dry, an xrun.
   */
  readonly audioDeadlineMisses: number | null;
  /** Screen frames the host drew and pushed so far. */
  readonly screenFrames: number;
  readonly screenPushed: number;
  /** The machine's 1-minute load average (2 cores here): how busy everything else kept it. */
  readonly load1: number;
  /** The machine's own stalls this minute (an independent probe, machine-stalls.ts): 20 ms or more, and the worst. */
  readonly machineStalls: number;
  readonly machineWorstMs: number;
  /** The client's side this minute: screen frames and seconds of audio received, controls sent. */
  readonly client?: { readonly screenFrames: number; readonly audioSeconds: number; readonly controlsSent: number };
}

export interface Target {
  readonly name: string;
  readonly value: number;
  readonly limit: number;
  readonly unit: string;
  readonly met: boolean;
}

export type SoakMode = 'idle' | 'lfo-client';

/**
 * The targets of issue #22 for the `start` host: idle, CPU under 5% of one core and RSS growth
 * under 2% from minute 2 to the end; under the LFO patch with a client, RSS growth under 5% from
 * minute 5 to the end, no xrun and no missed audio deadline.
 */
export function judge(mode: SoakMode, rows: readonly MinuteRow[]): Target[] {
  const from = mode === 'idle' ? 2 : 5;
  const base = rows.find((r) => r.minute === from) ?? rows[0];
  const last = rows[rows.length - 1];
  const growth = base && last ? ((last.rssMiB - base.rssMiB) / base.rssMiB) * 100 : NaN;
  const growthTarget: Target = { name: `RSS growth, minute ${base?.minute ?? '-'} to ${last?.minute ?? '-'}`, value: growth, limit: mode === 'idle' ? 2 : 5, unit: '%', met: growth < (mode === 'idle' ? 2 : 5) };
  if (mode === 'idle') {
    const after = rows.filter((r) => r.minute >= from);
    const cpu = after.length ? after.reduce((s, r) => s + r.cpuPercent, 0) / after.length : NaN;
    return [{ name: `CPU, mean of minutes ${from} to ${last?.minute ?? '-'}`, value: cpu, limit: 5, unit: '% of one core', met: cpu < 5 }, growthTarget];
  }
  const xruns = last?.xruns ?? NaN;
  const audio = last?.audioDeadlineMisses;
  const deadlines: Target = audio === null || audio === undefined
    ? { name: 'missed audio deadlines (no engine-audio task: the audio worker writes the card, a missed deadline is an xrun)', value: xruns, limit: 0, unit: '', met: xruns === 0 }
    : { name: 'missed audio deadlines (engine-audio task)', value: audio, limit: 0, unit: '', met: audio === 0 };
  return [growthTarget, { name: 'xruns', value: xruns, limit: 0, unit: '', met: xruns === 0 }, deadlines];
}

export function formatRow(r: MinuteRow): string {
  const client = r.client ? `; client got ${r.client.screenFrames} frames, ${r.client.audioSeconds.toFixed(1)} s audio, sent ${r.client.controlsSent} controls` : '';
  return `min ${String(r.minute).padStart(2)}: rss ${r.rssMiB.toFixed(1)} MiB, heap ${r.heapUsedMiB.toFixed(1)} MiB, array buffers ${r.arrayBuffersMiB.toFixed(1)} MiB${r.controlHeapMiB === null ? '' : `, control heap ${r.controlHeapMiB.toFixed(1)} MiB`}, ` +
    `cpu ${r.cpuPercent.toFixed(1)} %; xruns ${r.xruns}, deadline misses ${r.deadlineMisses}${r.audioDeadlineMisses === null ? '' : ` (audio ${r.audioDeadlineMisses})`}; screen ${r.screenFrames} drawn, ${r.screenPushed} pushed; load ${r.load1.toFixed(2)}; ` +
    `machine stalls >= 20 ms ${r.machineStalls} (worst ${r.machineWorstMs.toFixed(1)} ms)${client}`;
}

export function formatTarget(t: Target): string {
  const value = Number.isFinite(t.value) ? (Number.isInteger(t.value) ? String(t.value) : t.value.toFixed(2)) : 'n/a';
  return `${t.met ? 'met    ' : 'NOT MET'} ${t.name}: ${value}${t.unit ? ` ${t.unit}` : ''} (target ${t.limit === 0 ? '0' : `< ${t.limit}${t.unit ? ` ${t.unit}` : ''}`})`;
}
