import { DESCRIPTOR_ORDER } from '../banks/descriptor-bank';
import { NeurorackError } from '../errors/neurorack-error';

/** Longest curve the designer saves: about 7.7 minutes of frames at 43 frames/s. */
export const MAX_DESIGNER_FRAMES = 20_000;

/**
 * Longest curve auditioned: 512 frames, 11.9 s (shipped entries are at most 204 frames). The model
 * renders a curve in one pass, about 0.45 MB per frame: measured with the shipped model, 512 frames
 * peak at 337 MB RSS in 1.1 s, 2,048 frames at 1,035 MB in 5.2 s; 20,000 frames (the old limit)
 * took the host to 11.7 GB and 66 s.
 */
export const MAX_AUDITION_FRAMES = 512;

/**
 * Checks a curve received from a page: 1..`max` rows of exactly seven finite numbers.
 * The physical ranges are the bank validator's job (it names the offending frame). Throws
 * NR_WEB_MESSAGE_INVALID with the JSON pointer of the first problem.
 */
export function parseFrames(raw: unknown, where: string, max: number = MAX_DESIGNER_FRAMES): number[][] {
  const width = DESCRIPTOR_ORDER.length;
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > max) {
    throw bad(`${where}: frames must be an array of 1-${max} frames${Array.isArray(raw) ? `, found ${raw.length}` : ''}`, '/frames');
  }
  return raw.map((row: unknown, t) => {
    if (!Array.isArray(row) || row.length !== width) throw bad(`${where}: frame ${t} must hold ${width} numbers (${DESCRIPTOR_ORDER.join(', ')})`, `/frames/${t}`);
    return row.map((v: unknown, k) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(`${where}: ${DESCRIPTOR_ORDER[k]} of frame ${t} is ${JSON.stringify(v)}; expected a finite number`, `/frames/${t}/${k}`);
      return v;
    });
  });
}

function bad(message: string, pointer: string): NeurorackError {
  return new NeurorackError('NR_WEB_MESSAGE_INVALID', message, { pointer });
}
