import { DESCRIPTOR_ORDER, type DescriptorName } from '../descriptors/descriptor-matrix';

/**
 * A descriptor curve as the model takes it: `frames[t]` holds the seven descriptors of frame t in
 * the model's order (DESCRIPTOR_ORDER, from schemas/descriptor-order.json), one frame per 512
 * samples at 22050 Hz.
 */
export type DescriptorFrames = number[][];

/** Column of each descriptor in a frame. */
export const D = Object.fromEntries(DESCRIPTOR_ORDER.map((name, k) => [name, k])) as Readonly<Record<DescriptorName, number>>;

export const DESCRIPTOR_COUNT = 7;
export const MODEL_RATE = 22050;
export const HOP = 512;

/** A deep copy (mappings must never mutate what they were given). */
export function cloneFrames(frames: readonly (readonly number[])[]): DescriptorFrames {
  return frames.map((f) => f.slice());
}

/** Whether every value is a finite number and every frame has seven of them. */
export function framesAreFinite(frames: unknown): frames is DescriptorFrames {
  if (!Array.isArray(frames) || frames.length === 0) return false;
  for (const f of frames) {
    if (!Array.isArray(f) || f.length !== DESCRIPTOR_COUNT) return false;
    for (const v of f) if (typeof v !== 'number' || !Number.isFinite(v)) return false;
  }
  return true;
}
