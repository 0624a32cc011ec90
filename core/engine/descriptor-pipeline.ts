import type { MappingContext } from './cv-mapping';
import { cloneFrames, type DescriptorFrames } from './descriptor-frames';
import type { MappingSlot } from './mapping-slot';

/** One jack's state as the pipeline reads it. */
export interface JackInput {
  readonly volts: number;
  readonly range: { readonly min: number; readonly max: number };
  readonly history: Float64Array;
  readonly historyHz: number;
  readonly params: Readonly<Record<string, number>>;
  readonly seed: number;
}

export interface PipelineOutput {
  readonly frames: DescriptorFrames;
  /** Where playback and the loop read, 0..1 through the render. */
  readonly playhead: number;
  /** The sum of the mappings' latent moves (MappingResult.latent); empty when none moves it. */
  readonly latent: readonly number[];
}

/**
 * Turns the four CVs into the descriptor curve to render: starts from entry A, runs every jack's
 * mapping in stage order (sources first), each on the previous one's output.
 */
export class DescriptorPipeline {
  private readonly slots: MappingSlot[];

  constructor(slots: readonly MappingSlot[]) {
    this.slots = [...slots].sort((a, b) => a.stage - b.stage || a.jack - b.jack);
  }

  run(entryA: DescriptorFrames, entryB: DescriptorFrames, jacks: ReadonlyMap<number, JackInput>): PipelineOutput {
    let frames = cloneFrames(entryA);
    let playhead = 0;
    const latent: number[] = [];
    for (const slot of this.slots) {
      const jack = jacks.get(slot.jack);
      if (!jack) continue;
      const result = slot.apply(frames, contextFor(jack, entryA, entryB));
      if (result.frames) frames = result.frames;
      if (result.playhead !== undefined) playhead = result.playhead;
      if (result.latent) addInto(latent, result.latent);
    }
    return { frames, playhead, latent };
  }
}

function contextFor(j: JackInput, entryA: DescriptorFrames, entryB: DescriptorFrames): MappingContext {
  const top = j.range.max > 0 ? j.range.max : 1;
  const bottom = j.range.min < 0 ? -j.range.min : top;
  const amount = Math.min(1, Math.max(0, j.volts / top));
  const bipolar = j.volts >= 0 ? amount : Math.max(-1, j.volts / bottom);
  return { volts: j.volts, amount, bipolar, range: j.range, entryA, entryB, history: j.history, historyHz: j.historyHz, seed: j.seed, params: j.params };
}

function addInto(sum: number[], move: readonly number[]): void {
  for (let i = 0; i < move.length; i++) sum[i] = (sum[i] ?? 0) + (Number.isFinite(move[i]) ? move[i]! : 0);
}
