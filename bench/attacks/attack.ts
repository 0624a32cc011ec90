import type { AttackContext } from './attack-context';

/** How a figure compares with what the host should hold to. */
export type Verdict = 'ok' | 'WEAK' | 'info';

/** One row of the bench's table: an attack, what was measured, the figure, the figure before the fixes. */
export interface Finding {
  readonly attack: string;
  readonly measured: string;
  readonly figure: string;
  /** Issue #27's figure for the same attack before the fixes ('-' where it gave none). */
  readonly before: string;
  readonly verdict: Verdict;
}

/** What an attack hands back: its rows, notes for the report, and its raw figures for --out. */
export interface AttackOutcome {
  readonly findings: Finding[];
  readonly notes: string[];
  readonly data: Record<string, unknown>;
}

/** One attack of bench:attacks: an id for `--only`, a title, and a run bounded in time. */
export interface Attack {
  readonly id: string;
  readonly title: string;
  run(ctx: AttackContext): Promise<AttackOutcome>;
}

/** A Finding whose verdict is `ok` when `met`, `WEAK` when not. */
export function judged(attack: string, measured: string, figure: string, before: string, met: boolean): Finding {
  return { attack, measured, figure, before, verdict: met ? 'ok' : 'WEAK' };
}

/** A Finding reported for information (no target). */
export function info(attack: string, measured: string, figure: string, before = '-'): Finding {
  return { attack, measured, figure, before, verdict: 'info' };
}
