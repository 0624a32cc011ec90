import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DESCRIPTOR_ORDER } from '../../core/descriptors/descriptor-matrix';
import { HOP, MODEL_RATE } from '../../core/engine/descriptor-frames';
import { info, judged, type Attack, type AttackOutcome, type Finding } from './attack';
import { BUDGETS, fmtMiB, fmtMs } from './budgets';
import { errorLine, type CliResult } from './cli-child';
import { repeatedFrames } from './shipped-frames';

/** The curves rendered, with the issue's figure for each and the longest each may run here. */
const CASES = [
  { frames: 20_000, before: '~7.4 GB (0.37 MB/frame)', limitS: (_max: number) => 120 },
  { frames: 200_000, before: 'killed by the kernel at 23 GB', limitS: (max: number) => max },
] as const;

/**
 * Issue #27 point 2: `neurorack render --descriptors FILE` of 20,000 and 200,000 frames (shipped
 * frames, in the shape `neurorack descriptors --json` prints). Exit code, time, peak RSS (VmHWM),
 * what it printed; a render still running at its limit is stopped and reported as such.
 */
export const renderAttack: Attack = {
  id: 'render',
  title: 'neurorack render of a huge curve',
  async run(ctx): Promise<AttackOutcome> {
    const dir = ctx.tempDir('render');
    const findings: Finding[] = [];
    const data: Record<string, unknown> = {};
    for (const c of CASES) {
      const file = join(dir, `curve-${c.frames}.json`);
      writeFileSync(file, JSON.stringify({ sample_rate: MODEL_RATE, hop_length: HOP, descriptor_order: [...DESCRIPTOR_ORDER], frames: repeatedFrames(c.frames) }));
      const out = join(dir, `curve-${c.frames}.wav`);
      const limitS = c.limitS(ctx.options.renderLimitS);
      const r = await ctx.cli(['render', '--descriptors', file, '--out', out], dir).wait(limitS * 1000);
      const wavBytes = r.code === 0 ? statSync(out).size : 0;
      data[`frames${c.frames}`] = { ...summary(r), limitS, descriptorsBytes: statSync(file).size, wavBytes };
      const ended = r.timedOut ? `still running at ${limitS} s, stopped` : `exit ${r.code ?? r.signal} in ${fmtMs(r.ms)}`;
      const said = r.timedOut ? `stopped by the bench at ${limitS} s${errorLine(r.stderr) ? `; stderr: ${errorLine(r.stderr)}` : ''}` : r.code === 0 ? `wrote ${(wavBytes / 1e6).toFixed(0)} MB WAV` : errorLine(r.stderr) || '(nothing on stderr)';
      findings.push(judged('render', `${c.frames} frames: exit, time; peak RSS`, `${ended}; ${fmtMiB(r.peakRssBytes)}`, c.before, !r.timedOut && (r.code === 0 || r.code === 2) && r.peakRssBytes <= BUDGETS.commandRssBytes));
      findings.push(info('render', `${c.frames} frames: what it said`, said.slice(0, 120)));
    }
    return {
      findings,
      notes: [`render: curves are shipped frames repeated (values in the model's range); peak RSS is the command's VmHWM sampled every 20 ms; budget ${fmtMiB(BUDGETS.commandRssBytes)} for a whole command, which should refuse (exit 2) what it cannot render within it.`],
      data,
    };
  },
};

function summary(r: CliResult): Record<string, unknown> {
  return { code: r.code, signal: r.signal, timedOut: r.timedOut, ms: r.ms, peakRssBytes: r.peakRssBytes, stderrTail: r.stderr.slice(-1500), stdoutTail: r.stdout.slice(-500) };
}
