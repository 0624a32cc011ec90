import { MAX_AUDITION_FRAMES } from '../../core/web/curve-frames';
import { info, judged, type Attack, type AttackOutcome, type Finding } from './attack';
import { BUDGETS, fmtMiB, fmtMs, gapMet, xrunsMet } from './budgets';
import { fmtHealth, healthDelta, readHealth } from './host-health';
import { HostWatch } from './host-watch';
import { idleBaseline } from './idle-baseline';
import { errorCode, JSON_POST } from './http-client';
import { EARLY_ANSWER_MS, rawRequest } from './raw-request';
import { repeatedFrames, SOURCE_BANK } from './shipped-frames';
import type { HostProcess } from '../soak-start/host-process';

/** Where the attacker's requests come from, and the watcher's (separate connection caps). */
const ATTACKER = '127.0.0.2';
const WATCHER = '127.0.0.9';

/**
 * Issue #27 point 2: POST /api/audition with the longest curve allowed (MAX_AUDITION_FRAMES), one
 * frame more, the old documented maximum (20,000 frames: 11.7 GB and 66 s before), and two at
 * once. For each: status, time, the host's peak RSS over the request (VmRSS every 20 ms), the
 * longest gap of GET /api/stats asked every 10 ms, and the host's xruns and missed deadlines.
 */
export const auditionAttack: Attack = {
  id: 'audition',
  title: 'huge audition',
  async run(ctx): Promise<AttackOutcome> {
    const host = await ctx.startHost();
    const watch = HostWatch.start({ pid: host.pid, url: new URL('api/stats', host.url).href, localAddress: WATCHER });
    const findings: Finding[] = [];
    const data: Record<string, unknown> = {};
    try {
      const idle = await idleBaseline(host, watch, 3, WATCHER);
      findings.push(info('audition', 'idle host, 3 s: longest gap of GET /api/stats; audio', `${fmtMs(idle.longestGapMs)}; ${fmtHealth(idle.health)}`));
      data.idle = idle;
      for (const frames of [MAX_AUDITION_FRAMES, MAX_AUDITION_FRAMES + 1, 20_000]) {
        const r = await audition(host, watch, [frames]);
        const a = r.answers[0]!;
        data[`frames${frames}`] = r;
        const allowed = frames <= MAX_AUDITION_FRAMES;
        const before = frames === 20_000 ? '11.7 GB, 66 s' : frames === MAX_AUDITION_FRAMES ? '337 MB, 1.1 s (one-pass render)' : '-';
        findings.push(judged('audition', `${frames} frames: status, time`, `${a.status}${a.code ? ` ${a.code}` : ''}, ${fmtMs(a.ms)}${a.bodySent ? '' : ' (before the body)'}`, before, allowed ? a.status === 200 : a.status === 400 || a.status === 413));
        findings.push(judged('audition', `${frames} frames: peak RSS (+added), 2 s after`, `${fmtMiB(r.peakRssBytes)} (+${fmtMiB(r.addedRssBytes)}), ${fmtMiB(r.rssAfterBytes)}`, frames === 20_000 ? '11.7 GB, 10.5 GB held' : '-', r.addedRssBytes <= BUDGETS.addedRssBytes));
        findings.push(judged('audition', `${frames} frames: longest GET /api/stats gap; audio`, `${fmtMs(r.longestGapMs)}; ${fmtHealth(r.health)}`, '-', gapMet(r.longestGapMs, idle.longestGapMs) && xrunsMet(r.health.xruns, r.seconds, idle.health.xruns, idle.seconds)));
      }
      const both = await audition(host, watch, [MAX_AUDITION_FRAMES, MAX_AUDITION_FRAMES]);
      data.twoAtOnce = both;
      const statuses = both.answers.map((a) => `${a.status}${a.code ? ` ${a.code}` : ''}`).join(' + ');
      findings.push(judged('audition', `2 x ${MAX_AUDITION_FRAMES} frames at once: statuses; peak RSS`, `${statuses}; ${fmtMiB(both.peakRssBytes)} (+${fmtMiB(both.addedRssBytes)})`, '-', both.answers.filter((a) => a.status === 200).length === 1 && both.answers.some((a) => a.status === 503)));
    } finally {
      await watch.stop();
    }
    return { findings, notes: [`audition: curves are ${SOURCE_BANK} entries' frames repeated; requests from ${ATTACKER} on a plain socket, the body sent ${EARLY_ANSWER_MS} ms after the headers unless the host answered first (a 413 by Content-Length); the watcher from ${WATCHER} (each address has its own connection cap).`], data };
  },
};

interface AuditionRun {
  readonly answers: Array<{ status: number | string; code?: string; ms: number; bodySent: boolean }>;
  readonly peakRssBytes: number;
  readonly addedRssBytes: number;
  readonly rssAfterBytes: number;
  readonly longestGapMs: number;
  readonly health: ReturnType<typeof healthDelta>;
  /** From the first request to 2 s after the last answer (the span of `health`). */
  readonly seconds: number;
}

/** Auditions of the given lengths sent at once; the host watched from before the first to 2 s after the last answer. */
async function audition(host: HostProcess, watch: HostWatch, lengths: readonly number[]): Promise<AuditionRun> {
  const bodies = lengths.map((n) => JSON.stringify({ frames: repeatedFrames(n), seed: 7 }));
  const before = await readHealth(host.url, WATCHER);
  const from = watch.mark();
  const answers = await Promise.all(bodies.map(async (body) => {
    const a = await rawRequest(host.url, { method: 'POST', path: '/api/audition', from: ATTACKER, headers: JSON_POST, body, timeoutMs: 120_000 });
    const code = 'error' in a || a.status === 200 ? undefined : errorCode(a);
    return { status: 'error' in a ? a.error : a.status, ...(code ? { code } : {}), ms: a.ms, bodySent: !('error' in a) && a.bodySent };
  }));
  const answered = watch.mark();
  await new Promise((r) => setTimeout(r, 2000));
  const w = await watch.window(from, answered);
  const after = await readHealth(host.url, WATCHER);
  return { seconds: (watch.mark() - from) / 1000, answers, peakRssBytes: w.peakRssBytes, addedRssBytes: Math.max(0, w.peakRssBytes - w.startRssBytes), rssAfterBytes: host.figures().rssBytes, longestGapMs: w.longestGapMs, health: healthDelta(before, after) };
}
