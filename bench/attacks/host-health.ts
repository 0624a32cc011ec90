import type { HostStats } from '../../core/web/web-host';
import { httpRequest } from './http-client';

/** The host's own audio health figures, as its stats page shows them. */
export interface Health {
  readonly xruns: number;
  readonly deadlineMisses: number;
  /** Misses of the audio path's own task (engine-audio). */
  readonly audioMisses: number;
}

/** Reads GET /api/stats (from `from`, with `headers` where pairing is on). */
export async function readHealth(base: string, from?: string, headers?: Record<string, string>): Promise<Health> {
  const a = await httpRequest(base, { path: '/api/stats', headers: { accept: 'application/json', ...headers }, ...(from ? { from } : {}), timeoutMs: 60_000 });
  if ('error' in a || a.status !== 200) throw new Error(`GET /api/stats: ${'error' in a ? a.error : `${a.status} ${a.body.toString().slice(0, 200)}`}`);
  const stats = (JSON.parse(a.body.toString('utf8')) as { host: HostStats }).host;
  return { xruns: stats.xruns, deadlineMisses: stats.deadlineMisses, audioMisses: stats.tasks['engine-audio']?.misses ?? 0 };
}

/** What changed from one reading to the next. */
export function healthDelta(before: Health, after: Health): Health {
  return { xruns: after.xruns - before.xruns, deadlineMisses: after.deadlineMisses - before.deadlineMisses, audioMisses: after.audioMisses - before.audioMisses };
}

export const fmtHealth = (h: Health): string => `${h.xruns} xruns, ${h.deadlineMisses} missed deadlines (${h.audioMisses} audio)`;
