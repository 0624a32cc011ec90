import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReplayEvent } from '../../core/engine/replay/replay-file';
import { judged, type Attack, type AttackOutcome } from './attack';
import { BUDGETS, fmtMiB, fmtMs } from './budgets';
import { errorLine } from './cli-child';

const EVENTS = 200_000;
const LIMIT_S = 120;

/** `n` events of every type at one instant (t = 0.5 s of a 1 s replay). */
export function burstEvents(n: number): ReplayEvent[] {
  return Array.from({ length: n }, (_, i): ReplayEvent => {
    switch (i % 4) {
      case 0: return { t: 0.5, type: 'cv', jack: 1 + ((i >> 2) % 4), volts: (i % 10) - 5 };
      case 1: return { t: 0.5, type: 'gate', jack: 1, state: i % 8 === 1 ? 'high' : 'low' };
      case 2: return { t: 0.5, type: 'encoder', delta: 1 };
      default: return { t: 0.5, type: 'button', state: i % 8 === 3 ? 'down' : 'up' };
    }
  });
}

/**
 * Issue #27 point 6: `neurorack run --replay FILE` of 200,000 events at one instant (before: not
 * finished in 150 s). Exit, time, peak RSS, the xruns it reports.
 */
export const replayBurstAttack: Attack = {
  id: 'replay',
  title: 'replay burst',
  async run(ctx): Promise<AttackOutcome> {
    const dir = ctx.tempDir('replay');
    const file = join(dir, 'burst.replay.json');
    const metrics = join(dir, 'metrics.json');
    writeFileSync(file, JSON.stringify({ duration_s: 1, events: burstEvents(EVENTS) }));
    const r = await ctx.cli(['run', '--replay', file, '--metrics', metrics], dir).wait(LIMIT_S * 1000);
    let xruns: number | undefined;
    let ignored: number | undefined;
    if (r.code === 0) ({ xruns, events_ignored: ignored } = JSON.parse(readFileSync(metrics, 'utf8')) as { xruns?: number; events_ignored?: number });
    const ended = r.timedOut ? `not finished in ${LIMIT_S} s` : `exit ${r.code ?? r.signal} in ${fmtMs(r.ms)}`;
    return {
      findings: [
        judged('replay', `${EVENTS.toLocaleString('en-US')} events at one instant: exit, time; peak RSS`, `${ended}; ${fmtMiB(r.peakRssBytes)}`, 'not finished in 150 s', r.code === 0 && r.ms <= 30_000 && r.peakRssBytes <= BUDGETS.commandRssBytes),
        judged('replay', 'xruns, events ignored (its metrics)', r.code === 0 ? `${xruns}, ${ignored}` : errorLine(r.stderr).slice(0, 120), '-', xruns === 0),
      ],
      notes: [`replay: neurorack run (test profile, virtual clock) --replay of a 1 s replay with ${EVENTS} cv, gate, encoder and button events at t = 0.5 s.`],
      data: { code: r.code, signal: r.signal, ms: r.ms, timedOut: r.timedOut, peakRssBytes: r.peakRssBytes, xruns, eventsIgnored: ignored, stderrTail: r.stderr.slice(-1500) },
    };
  },
};
