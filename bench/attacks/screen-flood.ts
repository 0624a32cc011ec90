import { Agent } from 'node:http';
import { info, judged, type Attack, type AttackOutcome } from './attack';
import { BUDGETS, fmtMiB, fmtMs, gapMet, xrunsMet } from './budgets';
import { fmtHealth, healthDelta, readHealth } from './host-health';
import { HostWatch } from './host-watch';
import { httpRequest, statusOf } from './http-client';
import { idleBaseline } from './idle-baseline';

const REQUESTS = 5_000;
/** Sockets the flood keeps busy at once (under the per-address cap of 32). */
const IN_FLIGHT = 24;
const ATTACKER = '127.0.0.2';
const WATCHER = '127.0.0.9';

/**
 * Issue #27 point 5: 5,000 GET /api/screen.png as fast as the host answers (before: a PNG encoded
 * on the event loop per request, 22,600 missed deadlines and 2 xruns). The host's xruns and
 * missed deadlines over the flood, against the same host left alone as long; the longest gap of
 * GET /api/stats; peak RSS.
 */
export const screenFloodAttack: Attack = {
  id: 'screen',
  title: '/api/screen.png flood',
  async run(ctx): Promise<AttackOutcome> {
    const host = await ctx.startHost();
    const watch = HostWatch.start({ pid: host.pid, url: new URL('api/stats', host.url).href, localAddress: WATCHER });
    try {
      const idle = await idleBaseline(host, watch, 5, WATCHER);
      const before = await readHealth(host.url, WATCHER);
      const from = watch.mark();
      const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
      const statuses: Record<string, number> = {};
      let bytes = 0;
      let next = 0;
      await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
        while (next < REQUESTS) {
          next++;
          const a = await httpRequest(host.url, { path: '/api/screen.png', from: ATTACKER, agent, headers: { accept: 'image/png' } });
          const s = String(statusOf(a));
          statuses[s] = (statuses[s] ?? 0) + 1;
          if (!('error' in a)) bytes += a.body.length;
        }
      }));
      agent.destroy();
      const w = await watch.window(from);
      const after = await readHealth(host.url, WATCHER);
      const health = healthDelta(before, after);
      const seconds = w.ms / 1000;
      const ok = (statuses['200'] ?? 0) === REQUESTS;
      return {
        findings: [
          info('screen', `idle host, ${idle.seconds} s: longest GET /api/stats gap; audio`, `${fmtMs(idle.longestGapMs)}; ${fmtHealth(idle.health)}`),
          judged('screen', `${REQUESTS} GET /api/screen.png: time, statuses`, `${seconds.toFixed(1)} s (${(REQUESTS / seconds).toFixed(0)}/s), ${JSON.stringify(statuses)}`, '-', ok),
          judged('screen', 'flood: xruns, missed deadlines', fmtHealth(health), '2 xruns, 22,600 missed', xrunsMet(health.xruns, seconds, idle.health.xruns, idle.seconds)),
          judged('screen', 'flood: longest GET /api/stats gap; peak RSS', `${fmtMs(w.longestGapMs)}; ${fmtMiB(w.peakRssBytes)} (+${fmtMiB(Math.max(0, w.peakRssBytes - w.startRssBytes))})`, '-', gapMet(w.longestGapMs, idle.longestGapMs) && w.peakRssBytes - w.startRssBytes <= BUDGETS.addedRssBytes),
        ],
        notes: [`screen: ${IN_FLIGHT} keep-alive sockets from ${ATTACKER}, ${(bytes / REQUESTS / 1024).toFixed(1)} KiB a PNG; missed deadlines count every scheduler task (engine-audio's own in brackets).`],
        data: { idle, seconds, statuses, bytes, window: w, health, before, after },
      };
    } finally {
      await watch.stop();
    }
  },
};
