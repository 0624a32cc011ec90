import { DEFAULT_RENDER_SEED } from '../engine/model-renderer';
import type { LoadedModel } from '../model-runtime/model-runtime';
import { benchCurve, framesFor } from './bench-curve';
import { median, percentile } from './percentile';
import { timeProgressiveRender, type ChunkTiming } from './progressive-chunks';
import { measureRtf } from './real-time-factor';
import { renderTimes } from './render-times';

/** One block size the model plays: its real-time factor (mean compute over audio time) and the p99 of its compute time. */
export interface BlockFigure {
  readonly frames: number;
  readonly rtf: number;
  readonly p99_ms: number;
}

/** What `neurorack model bench --json` prints (issue 24's keys, plus where the block figures come from). */
export interface ModelBench {
  readonly model: string;
  readonly rtf_1s: number;
  readonly rtf_10s: number;
  readonly blocks: readonly BlockFigure[];
  /** The model's own delay: its lookahead, the audio a streamed block waits for. */
  readonly delay_ms: number;
  /** The buffering delay: from a note's request to its first audio (the first chunk, or the whole render of 1 s without renderInto). */
  readonly first_chunk_ms: number;
  /** Peak resident memory of the whole process (host, runtime and its threads). */
  readonly peak_rss_mb: number;
  /** `renderInto`: the chunks of progressive renders, as the engine plays them; `render`: offline renders of each block size. */
  readonly block_source: 'renderInto' | 'render';
  /** Progressive chunks left out of `blocks`: published so close to the next that they were seen as one. */
  readonly merged_chunks: number;
}

/** How much a bench renders. */
export interface BenchPlan {
  /** Timed renders (best of) for the 1 s and the 10 s real-time factors. */
  readonly rtfRepeats: { readonly oneSecond: number; readonly tenSeconds: number };
  /** Timed renders per block size (progressive renders, or offline renders of one block). */
  readonly blockRenders: number;
  /** Frames of each progressive render: 4 + 8 + 16 + 32, the chunks of a model that doubles from 4 to 32. */
  readonly progressiveFrames: number;
  /** Block sizes timed by offline renders, for a model without renderInto. */
  readonly blockFrames: readonly number[];
}

export const DEFAULT_PLAN: BenchPlan = { rtfRepeats: { oneSecond: 3, tenSeconds: 2 }, blockRenders: 20, progressiveFrames: 60, blockFrames: [4, 8, 16, 32] };

const round = (v: number, digits: number) => Number(v.toFixed(digits));

function blockFigure(model: LoadedModel, frames: number, ms: readonly number[]): BlockFigure {
  const audioMs = (frames * model.hop * 1000) / model.sampleRate;
  const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
  return { frames, rtf: round(mean / audioMs, 4), p99_ms: round(percentile(ms, 99), 2) };
}

/**
 * Block figures and first-chunk times from progressive renders, grouped by the chunk sizes the
 * model chose. Every render has the host's seed, as the engine's do (one seed a session,
 * RenderEngine): a model may keep what it draws from a seed (the sinc-NSF its first 80 frames of
 * randomness, about 30 ms to draw), and a new seed for each render timed that into every first
 * chunk, 35 ms where a gate's costs about 3.
 */
async function progressiveBlocks(model: LoadedModel, plan: BenchPlan): Promise<{ blocks: BlockFigure[]; firstChunkMs: number; merged: number }> {
  const curve = benchCurve(model, plan.progressiveFrames);
  await timeProgressiveRender(model, curve, DEFAULT_RENDER_SEED);
  const runs: ChunkTiming[][] = [];
  for (let r = 0; r < plan.blockRenders; r++) runs.push(await timeProgressiveRender(model, curve, DEFAULT_RENDER_SEED));
  const bySize = new Map<number, number[]>();
  for (const chunk of runs.flat()) bySize.set(chunk.frames, [...(bySize.get(chunk.frames) ?? []), chunk.ms]);
  // A size seen in fewer than half the renders is two chunks that published before this thread woke.
  const played = [...bySize.entries()].filter(([, ms]) => ms.length * 2 >= runs.length).sort(([a], [b]) => a - b);
  const blocks = played.map(([frames, ms]) => blockFigure(model, frames, ms));
  const merged = runs.flat().length - played.reduce((n, [, ms]) => n + ms.length, 0);
  return { blocks, firstChunkMs: median(runs.map((chunks) => chunks[0]!.ms)), merged };
}

/** Block figures from offline renders of each block size; the first audio of a note comes when its whole render is done. */
async function offlineBlocks(model: LoadedModel, plan: BenchPlan): Promise<{ blocks: BlockFigure[]; firstChunkMs: number; merged: number }> {
  const blocks: BlockFigure[] = [];
  for (const frames of plan.blockFrames) blocks.push(blockFigure(model, frames, await renderTimes(model, benchCurve(model, frames), plan.blockRenders)));
  const oneSecond = await renderTimes(model, benchCurve(model, framesFor(model, 1)), plan.rtfRepeats.oneSecond);
  return { blocks, firstChunkMs: median(oneSecond), merged: 0 };
}

/**
 * Benchmarks a loaded model through the runtime contract only (`render`, `renderInto` where
 * offered, the declared sizes), so every runtime is measured the same way. `onStep` hears what is
 * being timed, for progress lines.
 */
export async function benchModel(model: LoadedModel, plan: BenchPlan = DEFAULT_PLAN, onStep: (step: string) => void = () => undefined): Promise<ModelBench> {
  onStep('1 s renders');
  const rtf1 = await measureRtf(model, 1, plan.rtfRepeats.oneSecond);
  onStep('10 s renders');
  const rtf10 = await measureRtf(model, 10, plan.rtfRepeats.tenSeconds);
  onStep(model.renderInto ? 'progressive renders' : 'block renders');
  const { blocks, firstChunkMs, merged } = model.renderInto ? await progressiveBlocks(model, plan) : await offlineBlocks(model, plan);
  return {
    model: model.id,
    rtf_1s: round(rtf1, 4),
    rtf_10s: round(rtf10, 4),
    blocks,
    delay_ms: round((model.lookaheadFrames * model.hop * 1000) / model.sampleRate, 2),
    first_chunk_ms: round(firstChunkMs, 2),
    peak_rss_mb: round(process.resourceUsage().maxRSS / 1024, 1),
    block_source: model.renderInto ? 'renderInto' : 'render',
    merged_chunks: merged,
  };
}

/** The bench as lines of text. */
export function describeBench(b: ModelBench, runtime: string, threads: number): string[] {
  return [
    `model ${b.model} (runtime ${runtime}, ${threads} thread${threads === 1 ? '' : 's'})`,
    `  real-time factor: 1 s render ${b.rtf_1s.toFixed(3)}, 10 s render ${b.rtf_10s.toFixed(3)}`,
    `  blocks (${b.block_source === 'renderInto' ? 'chunks of progressive renders, as the engine plays them' : 'offline renders of each size'}):`,
    '    frames      rtf   p99 ms',
    ...b.blocks.map((k) => `    ${String(k.frames).padStart(6)} ${k.rtf.toFixed(3).padStart(8)} ${k.p99_ms.toFixed(1).padStart(8)}`),
    ...(b.merged_chunks ? [`    (${b.merged_chunks} chunks published too close to the next to time apart were left out)`] : []),
    `  delay: model (lookahead) ${b.delay_ms.toFixed(1)} ms; buffering (request to first audio) ${b.first_chunk_ms.toFixed(1)} ms`,
    `  peak memory: ${b.peak_rss_mb.toFixed(1)} MB (the whole process)`,
  ];
}
