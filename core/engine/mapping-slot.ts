import { NeurorackError } from '../errors/neurorack-error';
import type { CvMapping, MappingContext, MappingResult } from './cv-mapping';
import { framesAreFinite, type DescriptorFrames } from './descriptor-frames';

/** A mapping that ran past its budget is not called for this long, doubling at each further overrun up to BENCH_MAX_MS. */
export const BENCH_FIRST_MS = 1000;
export const BENCH_MAX_MS = 60_000;

export interface MappingSlotOptions {
  readonly jack: number;
  /** The assignment as written in the rack (plugin-id/mapping-id or mapping-id). */
  readonly mappingId: string;
  readonly mapping: CvMapping;
  /** A result computed in longer than this is discarded (default 20 ms). */
  readonly budgetMs?: number;
  /** Real elapsed time for the budget (performance.now by default). */
  readonly elapsed?: () => number;
  readonly onError?: (err: NeurorackError) => void;
}

/**
 * One jack's mapping behind a fence: a mapping that throws, returns a non-finite value or runs past
 * its budget leaves its last good result in force (the input passes through before it ever
 * succeeded) and is reported once per failure spell, so a broken plugin cannot silence the module.
 * A mapping that ran past its budget is benched: not called again for BENCH_FIRST_MS, then twice as
 * long after each further overrun (at most BENCH_MAX_MS), since JavaScript cannot be stopped mid-call
 * and a mapping that takes 50 ms would otherwise hold the control thread on every scan (200 a
 * second), and every gate with it.
 */
export class MappingSlot {
  readonly jack: number;
  readonly mappingId: string;
  readonly stage: number;
  failures = 0;
  private lastGood: MappingResult | undefined;
  private failing = false;
  private readonly budgetMs: number;
  private readonly elapsed: () => number;
  private benchedUntil = -Infinity;
  private benchMs = BENCH_FIRST_MS;

  constructor(private readonly options: MappingSlotOptions) {
    this.jack = options.jack;
    this.mappingId = options.mappingId;
    this.stage = Number.isFinite(options.mapping.stage) ? options.mapping.stage : 50;
    this.budgetMs = options.budgetMs ?? 20;
    this.elapsed = options.elapsed ?? (() => performance.now());
  }

  /** The mapping's result for these frames, or its last good one. */
  apply(frames: DescriptorFrames, ctx: MappingContext): MappingResult {
    const started = this.elapsed();
    if (started < this.benchedUntil) return this.lastGood ?? {};
    let result: MappingResult;
    try {
      result = this.options.mapping.apply(frames, ctx);
    } catch (err) {
      return this.fail('NR_MAPPING_FAILED', `threw: ${(err as Error)?.message ?? String(err)}`, err);
    }
    const took = this.elapsed() - started;
    if (took > this.budgetMs) {
      this.benchedUntil = started + took + this.benchMs;
      const benched = this.benchMs;
      this.benchMs = Math.min(BENCH_MAX_MS, this.benchMs * 2);
      return this.fail('NR_MAPPING_TOO_SLOW', `took ${took.toFixed(1)} ms; the budget is ${this.budgetMs} ms (not called again for ${benched / 1000} s, then longer at each overrun)`);
    }
    const problem = checkResult(result);
    if (problem) return this.fail('NR_MAPPING_NOT_FINITE', problem);
    this.failing = false;
    this.benchMs = BENCH_FIRST_MS;
    this.lastGood = result;
    return result;
  }

  private fail(code: 'NR_MAPPING_FAILED' | 'NR_MAPPING_TOO_SLOW' | 'NR_MAPPING_NOT_FINITE', message: string, cause?: unknown): MappingResult {
    this.failures++;
    if (!this.failing) {
      this.failing = true;
      this.options.onError?.(new NeurorackError(code, `CV ${this.jack} mapping "${this.mappingId}" ${message}; keeping its last good output`, { plugin: this.mappingId }, { cause }));
    }
    return this.lastGood ?? {};
  }
}

function checkResult(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null) return `returned ${String(result)}; expected {frames?, playhead?}`;
  const r = result as MappingResult;
  if (r.frames !== undefined && !framesAreFinite(r.frames)) return 'returned frames with NaN, infinite or missing values; expected [frames][7] finite numbers';
  if (r.playhead !== undefined && !(Number.isFinite(r.playhead) && r.playhead >= 0 && r.playhead <= 1)) return `returned playhead ${String(r.playhead)}; expected a number in [0, 1]`;
  return undefined;
}
