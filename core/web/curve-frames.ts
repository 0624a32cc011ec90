import { DESCRIPTOR_ORDER } from '../banks/descriptor-bank';
import { NeurorackError } from '../errors/neurorack-error';

/** Longest curve the designer saves or auditions: about 7.7 minutes of frames at 43 frames/s. */
export const MAX_DESIGNER_FRAMES = 20_000;

/**
 * Checks a curve received from a page: 1..MAX_DESIGNER_FRAMES rows of exactly seven finite numbers.
 * The physical ranges are the bank validator's job (it names the offending frame). Throws
 * NR_WEB_MESSAGE_INVALID with the JSON pointer of the first problem.
 */
export function parseFrames(raw: unknown, where: string): number[][] {
  const width = DESCRIPTOR_ORDER.length;
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_DESIGNER_FRAMES) {
    throw bad(`${where}: frames must be an array of 1-${MAX_DESIGNER_FRAMES} frames`, '/frames');
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
