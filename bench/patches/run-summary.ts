import type { ReplayMetrics } from '../../core/engine/replay/replay-metrics';
import type { AudioAnalysis } from './analyse-audio';
import type { ChildRunResult } from './child-run';
import type { LoopFollow } from './loop-follow';
import type { MachineStall, MachineStallFigures } from '../machine-stalls';
import { quietFigures, type AwayFromStalls } from './machine-overlap';
import type { PanelClientStats } from '../panel-client';
import { spread, type Spread } from './stats';

export type ClientKind = 'none' | 'ws' | 'chromium';

export const AGREE_MS = 6;

/** Gates of one kind (stepped or not): the engine's figures and the recording's. */
export interface GateFigures {
  readonly metric: Spread;
  /** From the recording; `n` of the gates had a clear onset. */
  readonly audio: Spread;
  /** Of those, how many lie within AGREE_MS of the engine's figure (the card's fill varies by about a period and a block). */
  readonly audioAgrees: number;
  readonly gates: number;
}

/**
 * Stale gates and the right sound's time, from the recording. Issue #22's rule: a gate plays the
 * CVs changed 1 ms or more before it. A change in its last millisecond may come after the CVs
 * the gate reads, and then either step's sound is right: such gates are counted apart (`late`),
 * and neither target judges them.
 */
export interface StaleFigures {
  /** Gates whose first 30 ms sound like the other entry, of those judged (every judged gate). */
  readonly stale: number;
  readonly judged: number;
  /** Of the stale gates, those whose CV1 changed 1 ms or more before the gate (issue #22's rule). */
  readonly staleChangedAtLeast1Ms: number;
  /** Judged gates whose CV1 changed 1 ms or more before the gate: the ones the rule judges. */
  readonly judgedChangedAtLeast1Ms: number;
  /** Gates whose first 10 ms sound like the other entry. */
  readonly attackWrong: number;
  /** Classifier margins over the judged gates (1 = on a reference, 0 = on the boundary). */
  readonly marginMin: number | null;
  readonly marginP10: number | null;
  /** Gate to the right entry heard (ms), never-right counted as Infinity, over the gates the rule judges. */
  readonly rightSound: Spread;
  readonly neverRight: number;
}

/** The loop family, from the recording (loop-follow.ts): how soon the loop sounded like each CV1 step. */
export interface LoopFigures {
  /** ms from each step to the loop sounding like its entry, of the steps it did before the next. */
  readonly follow: Spread;
  readonly steps: number;
  /** Steps the loop never sounded like before the next step. */
  readonly never: number;
  /** Of the loop's own references, in pooled spread (below 6: shaky). */
  readonly separation: number;
}

export interface RunSummary {
  readonly patch: string;
  readonly client: ClientKind;
  readonly notes: string;
  readonly load1: number;
  readonly notStepped: GateFigures;
  readonly stepped: GateFigures;
  readonly cv: Spread;
  readonly staleFromMetrics: number | null;
  readonly staleFromAudio?: StaleFigures;
  readonly loop?: LoopFigures;
  readonly recordingOffsetMs: number | null;
  /** Enough clear onsets to align the recording on (else its gate-to-sound figures are left out). */
  readonly audioAligned: boolean;
  readonly alignedOn: number;
  readonly xruns: number;
  /** Sound cut off by digital silence in the recording (count and total ms). */
  readonly dropouts: number;
  readonly dropoutMs: number;
  /** The most each scheduler task started late (ms), and the emulated card's clock thread. */
  readonly stallsMs: Readonly<Record<string, number>>;
  /** The machine's own stalls during the run (machine-stalls.ts): every thread of the host stopped with them. */
  readonly machine: MachineStallFigures;
  readonly rendersPerS: number;
  readonly cpuPercent: number;
  readonly peakRssMiB: number;
  readonly bootS: number;
  readonly blockMs: number;
  readonly audioThreads?: ReplayMetrics['audio_threads'];
  readonly panel?: PanelClientStats;
  /**
   * The engine's gate and CV figures with the waits a machine stall overlapped left out (for
   * reading beside the targets, which count every gate; machine-overlap.ts).
   */
  readonly awayFromStalls?: { readonly notStepped: AwayFromStalls; readonly stepped: AwayFromStalls; readonly cv: AwayFromStalls };
  /** Where the gates' time went before their voices could start (the metrics' gate_stages_ms). */
  readonly gateStages?: { readonly detect: Spread; readonly scan: Spread; readonly renderStepped: Spread };
}

export function summarise(o: {
  patch: string; client: ClientKind; notes: string; load1: number;
  metrics: ReplayMetrics; analysis: AudioAnalysis; child: ChildRunResult; panel?: PanelClientStats; machine: MachineStallFigures; loop?: LoopFollow;
  /** The machine's stalls during the run (epoch times), to set apart the waits they overlapped. */
  stalls?: readonly MachineStall[];
}): RunSummary {
  const m = o.metrics;
  const quiet = o.stalls && quietFigures(m, o.stalls);
  const kind = (stepped: boolean): GateFigures => {
    const gates = o.analysis.gates.filter((g) => g.stepped === stepped);
    return {
      gates: gates.length,
      metric: spread(gates.flatMap((g) => (g.metricMs !== undefined ? [g.metricMs] : []))),
      audio: spread(gates.flatMap((g) => (g.audioMs !== undefined ? [g.audioMs] : []))),
      audioAgrees: gates.filter((g) => g.audioMs !== undefined && g.metricMs !== undefined && Math.abs(g.audioMs - g.metricMs) <= AGREE_MS).length,
    };
  };
  const stallsMs: Record<string, number> = {};
  for (const [task, t] of Object.entries(m.scheduler)) stallsMs[task] = t.maxLatenessMs;
  if (m.audio_threads?.card_clock_latest_ms != null) stallsMs['card-clock'] = m.audio_threads.card_clock_latest_ms;
  return {
    patch: o.patch, client: o.client, notes: o.notes, load1: o.load1,
    notStepped: kind(false), stepped: kind(true),
    cv: spread(m.cv_to_audible_ms),
    staleFromMetrics: typeof (m as { stale_gates?: unknown }).stale_gates === 'number' ? (m as { stale_gates: number }).stale_gates : null,
    ...(o.analysis.gates.some((g) => g.expected) && { staleFromAudio: staleFigures(o.analysis) }),
    ...(o.loop && { loop: loopFigures(o.loop) }),
    recordingOffsetMs: o.analysis.offsetMs ?? null,
    audioAligned: o.analysis.aligned,
    alignedOn: o.analysis.alignedOn ?? 0,
    xruns: m.xruns, dropouts: o.analysis.dropouts.count, dropoutMs: o.analysis.dropouts.totalMs, stallsMs, machine: o.machine,
    rendersPerS: m.renders / m.duration_s,
    cpuPercent: o.child.cpuPercent,
    peakRssMiB: o.child.peakRssBytes / 2 ** 20,
    bootS: o.child.bootS,
    blockMs: m.block_ms,
    audioThreads: m.audio_threads,
    ...(o.panel && { panel: o.panel }),
    ...(quiet && { awayFromStalls: quiet }),
    ...(m.gate_stages_ms && { gateStages: { detect: spread(m.gate_stages_ms.detect), scan: spread(m.gate_stages_ms.scan), renderStepped: spread(m.gate_stages_ms.render_stepped) } }),
  };
}

export function loopFigures(l: LoopFollow): LoopFigures {
  const followed = l.followMs.filter((ms): ms is number => ms !== null);
  return { follow: spread(followed), steps: l.followMs.length, never: l.followMs.length - followed.length, separation: l.separation };
}

/** Issue #22's rule: a CV change 1 ms or more before the gate is the gate's (to a nanosecond: replay times are sums of floats). */
const changedInTime = (g: { cv1AgeS: number }): boolean => g.cv1AgeS >= 0.001 - 1e-9;

export function staleFigures(a: AudioAnalysis): StaleFigures {
  const judged = a.gates.filter((g) => g.heard && g.expected);
  const ruled = judged.filter(changedInTime);
  const stale = judged.filter((g) => g.stale);
  const margins = judged.map((g) => g.heard!.margin).sort((x, y) => x - y);
  const right = ruled.map((g) => g.rightMs ?? Infinity);
  return {
    stale: stale.length, judged: judged.length,
    staleChangedAtLeast1Ms: stale.filter(changedInTime).length,
    judgedChangedAtLeast1Ms: ruled.length,
    attackWrong: judged.filter((g) => g.early && g.early.entry !== g.expected).length,
    marginMin: margins[0] ?? null,
    marginP10: margins.length ? margins[Math.floor(margins.length * 0.1)]! : null,
    rightSound: spread(right),
    neverRight: right.filter((r) => !Number.isFinite(r)).length,
  };
}
