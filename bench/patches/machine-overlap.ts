import type { ReplayMetrics } from '../../core/engine/replay/replay-metrics';
import { stallOverlapping, type MachineStall } from '../machine-stalls';
import { spread, type Spread } from './stats';

/** Figures of the waits no machine stall overlapped, and how many of them one did. */
export interface AwayFromStalls {
  readonly spread: Spread;
  /** Waits a stall overlapped (left out of `spread`). */
  readonly met: number;
  readonly of: number;
}

/** The waits (`startsS`, s from the replay's start, each lasting its `ms`) that no stall overlapped. */
export function awayFromStalls(startsS: readonly number[], ms: readonly number[], startedAtMs: number, stalls: readonly MachineStall[]): AwayFromStalls {
  const kept: number[] = [];
  const n = Math.min(startsS.length, ms.length);
  for (let i = 0; i < n; i++) {
    const from = startedAtMs + startsS[i]! * 1000;
    if (!stallOverlapping(from, from + ms[i]!, stalls)) kept.push(ms[i]!);
  }
  return { spread: spread(kept), met: n - kept.length, of: n };
}

/**
 * A run's gates (not stepped, stepped) and CV changes with the waits a machine stall overlapped
 * left out: how the host did while the machine let it run. For reading beside the targets, which
 * count every gate. Undefined without the replay's epoch start (a virtual-clock run, older metrics).
 */
export function quietFigures(m: ReplayMetrics, stalls: readonly MachineStall[]): { notStepped: AwayFromStalls; stepped: AwayFromStalls; cv: AwayFromStalls } | undefined {
  const startedAt = m.started_at_ms;
  if (startedAt === null || startedAt === undefined || !m.cv_to_audible_at_s) return undefined;
  const n = Math.min(m.gate_at_s.length, m.gate_to_sound_ms.length, m.gate_stepped.length);
  const pick = (stepped: boolean): AwayFromStalls => {
    const at: number[] = [];
    const ms: number[] = [];
    for (let i = 0; i < n; i++) {
      if (m.gate_stepped[i] !== stepped) continue;
      at.push(m.gate_at_s[i]!);
      ms.push(m.gate_to_sound_ms[i]!);
    }
    return awayFromStalls(at, ms, startedAt, stalls);
  };
  return { notStepped: pick(false), stepped: pick(true), cv: awayFromStalls(m.cv_to_audible_at_s, m.cv_to_audible_ms, startedAt, stalls) };
}
