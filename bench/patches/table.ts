import { AGREE_MS, type RunSummary } from './run-summary';
import { fmt, fmtSpread } from './stats';
import { TARGETS, type Verdict } from './targets';
import type { AwayFromStalls } from './machine-overlap';
import { underrunVerdict } from '../underrun-lines';

const COLUMNS: ReadonlyArray<{ head: string; width: number; cell: (s: RunSummary) => string }> = [
  { head: 'patch', width: 10, cell: (s) => s.patch },
  { head: 'client', width: 8, cell: (s) => s.client },
  { head: 'gates (stepped)', width: 15, cell: (s) => `${s.notStepped.gates + s.stepped.gates} (${s.stepped.gates})` },
  { head: 'gate ms p50/p99/max', width: 20, cell: (s) => fmtSpread(s.notStepped.metric) },
  { head: 'audio p99/max (found)', width: 22, cell: (s) => audio(s, s.notStepped) },
  { head: 'stepped p50/p99/max', width: 20, cell: (s) => fmtSpread(s.stepped.metric) },
  { head: 'audio p99/max (found)', width: 22, cell: (s) => audio(s, s.stepped) },
  { head: 'cv ms p50/p99', width: 14, cell: (s) => (s.cv.n ? `${fmt(s.cv.p50)}/${fmt(s.cv.p99)}` : '-') },
  { head: 'stale', width: 8, cell: (s) => (s.staleFromAudio ? `${s.staleFromAudio.stale}/${s.staleFromAudio.judged}` : s.staleFromMetrics === null ? '-' : `${s.staleFromMetrics}m`) },
  { head: 'xruns', width: 6, cell: (s) => String(s.xruns) },
  { head: 'machine stalls', width: 15, cell: (s) => `${s.machine.stalls} (${fmt(s.machine.worstMs)})` },
  { head: 'drops', width: 6, cell: (s) => String(s.dropouts) },
  { head: 'worst stall ms', width: 22, cell: (s) => worst(s) },
  { head: 'renders/s', width: 10, cell: (s) => fmt(s.rendersPerS) },
  { head: 'cpu %', width: 6, cell: (s) => fmt(s.cpuPercent, 0) },
  { head: 'rss MiB', width: 8, cell: (s) => fmt(s.peakRssMiB, 0) },
];

function audio(s: RunSummary, f: RunSummary['stepped']): string {
  if (!f.gates) return '-';
  if (!s.audioAligned) return `n/a (${f.audio.n}/${f.gates})`;
  return f.audio.n ? `${fmt(f.audio.p99)}/${fmt(f.audio.max)} (${f.audio.n}/${f.gates})` : `- (0/${f.gates})`;
}

function worst(s: RunSummary): string {
  const [task, ms] = Object.entries(s.stallsMs).sort((a, b) => b[1] - a[1])[0] ?? ['-', NaN];
  return `${fmt(ms)} ${task}`;
}

const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(COLUMNS[i]!.width)).join(' ').trimEnd() + '\n';

export function tableHeader(): string {
  return line(COLUMNS.map((c) => c.head));
}

/** One run's row, its per-thread stalls and its verdicts. */
export function tableRow(s: RunSummary, verdicts: readonly Verdict[]): string {
  const stalls = Object.entries(s.stallsMs).map(([task, ms]) => `${task} ${fmt(ms)}`).join(', ');
  const marks = verdicts.map((v) => `${v.met === null ? 'n/a' : v.met ? 'ok' : 'MISS'} ${v.target} (${v.value}${v.basis ? `; ${v.basis}` : ''})`).join(' | ');
  const stale = s.staleFromAudio;
  const staleLine = stale
    ? `    stale from audio: ${stale.stale}/${stale.judged} (${stale.staleChangedAtLeast1Ms} with CV1 changed >= 1 ms before), first 10 ms wrong ${stale.attackWrong}; ` +
      `right sound (CV1 changed >= 1 ms before) p50/p99/max ${fmtSpread(stale.rightSound)} ms, never right ${stale.neverRight}; margins min ${fmt(stale.marginMin, 2)}, p10 ${fmt(stale.marginP10, 2)}\n`
    : '';
  const panel = s.panel ? `; panel client got ${s.panel.screenFrames} screens (${fmt(s.panel.screenFrames / Math.max(1e-9, s.panel.connectedS))}/s), ${fmt(s.panel.audioSeconds)} s of audio in ${fmt(s.panel.connectedS)} s${s.panel.errors.length ? `, errors ${s.panel.errors.join(', ')}` : ''}` : '';
  // Whose each xrun was, from the card's record of its underruns (the replay's seconds).
  const underruns = (s.audioThreads?.underruns ?? []).map((u) =>
    `    underrun at ${fmt(u.at_s, 3)} s: ${underrunVerdict({ writerSilentMs: u.writer_silent_ms, writerAwakeMs: u.writer_awake_ms, writerAsleepMs: u.writer_asleep_ms, writerWakeByMs: u.writer_wake_by_ms ?? null, cardLateMs: u.card_late_ms })}\n`).join('');
  const onsets = (f: RunSummary['stepped']) => `${f.audio.n}/${f.gates} found, ${f.audioAgrees} within ${AGREE_MS} ms of the engine's figure`;
  return line(COLUMNS.map((c) => c.cell(s))) +
    `    stalls (most late, ms): ${stalls}; boot ${fmt(s.bootS)} s; load ${fmt(s.load1, 2)}${panel}\n` +
    `    onsets in the recording (offset ${fmt(s.recordingOffsetMs)} ms from ${s.alignedOn} clear onsets${s.audioAligned ? '' : ', too few: its timings left out'}): not stepped ${onsets(s.notStepped)}; stepped ${onsets(s.stepped)}; ` +
    `dropouts ${s.dropouts} (${fmt(s.dropoutMs)} ms of sound cut to silence)\n` +
    staleLine +
    quietLine(s) +
    underruns +
    `    targets: ${marks}\n`;
}

const away = (a: AwayFromStalls, what: string): string => `${what} ${fmtSpread(a.spread)} (${a.met} of ${a.of} left out)`;

/** The row's engine figures without the waits a machine stall overlapped (machine-overlap.ts). */
function quietLine(s: RunSummary): string {
  const q = s.awayFromStalls;
  if (!q || q.notStepped.met + q.stepped.met + q.cv.met === 0) return '';
  return `    away from machine stalls (p50/p99/max; the targets count every gate): ${away(q.notStepped, 'gates')}, ${away(q.stepped, 'stepped')}, ${away(q.cv, 'cv')}\n`;
}

/**
 * The engine's gate and CV targets over the matrix again, with the waits a machine stall
 * overlapped left out: whether what is missed is the host's or the machine's. For reading only.
 */
export function quietMatrix(runs: readonly RunSummary[]): string {
  const quiet = runs.flatMap((r) => (r.awayFromStalls ? [{ r, q: r.awayFromStalls }] : []));
  if (quiet.length === 0) return '';
  const rows: Array<[string, (x: (typeof quiet)[number]) => boolean | null]> = [
    [`gate p99 <= ${fmt(TARGETS.gateP99Ms(quiet[0]!.r.blockMs))} ms`, ({ r, q }) => (q.notStepped.spread.p99 === null ? null : q.notStepped.spread.p99 <= TARGETS.gateP99Ms(r.blockMs))],
    [`gate max <= ${fmt(TARGETS.gateMaxMs(quiet[0]!.r.blockMs))} ms`, ({ r, q }) => (q.notStepped.spread.max === null ? null : q.notStepped.spread.max <= TARGETS.gateMaxMs(r.blockMs))],
    [`stepped p99 <= ${TARGETS.steppedRightP99Ms} ms (engine)`, ({ q }) => (q.stepped.spread.p99 === null ? null : q.stepped.spread.p99 <= TARGETS.steppedRightP99Ms)],
    [`cv p99 <= ${TARGETS.cvP99Ms} ms`, ({ q }) => (q.cv.spread.p99 === null ? null : q.cv.spread.p99 <= TARGETS.cvP99Ms)],
  ];
  const left = quiet.reduce((n, { q }) => n + q.notStepped.met + q.stepped.met, 0);
  const of = quiet.reduce((n, { q }) => n + q.notStepped.of + q.stepped.of, 0);
  let out = `\nthe same, leaving out the ${left} of ${of} gates (and the CV changes) a machine stall of 20 ms or more overlapped (for reading; the targets above count everything):\n`;
  for (const [target, met] of rows) {
    const judged = quiet.map((x) => ({ name: `${x.r.patch}/${x.r.client}`, met: met(x) })).filter((x) => x.met !== null);
    const missed = judged.filter((x) => !x.met).map((x) => x.name);
    out += `  ${target.padEnd(38)} met in ${judged.length - missed.length}/${judged.length}${missed.length ? `; missed: ${missed.join(' ')}` : ''}\n`;
  }
  return out;
}
