import { percentile } from '../../core/engine/replay/replay-metrics';

/** p50 / p99 / max of a set of figures (nulls when empty). */
export interface Spread {
  readonly n: number;
  readonly p50: number | null;
  readonly p99: number | null;
  readonly max: number | null;
}

export function spread(values: readonly number[]): Spread {
  return { n: values.length, p50: percentile(values, 50), p99: percentile(values, 99), max: values.length ? Math.max(...values) : null };
}

export function fmt(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '-';
  if (!Number.isFinite(v)) return 'never';
  return v.toFixed(digits);
}

/** "p50/p99/max" of a spread. */
export function fmtSpread(s: Spread, digits = 1): string {
  return s.n ? `${fmt(s.p50, digits)}/${fmt(s.p99, digits)}/${fmt(s.max, digits)}` : '-';
}
