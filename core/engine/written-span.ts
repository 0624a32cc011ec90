/**
 * How much of a render still being written can be read, as shared counters (an Int32Array over a
 * SharedArrayBuffer, written by the model's thread and the engine, read by the audio thread):
 *
 *   [0] PREFIX: samples written from the start;
 *   [1] REGION_START: where a second written region starts (0: none, the prefix is all);
 *   [2] REGION_WRITTEN: samples written from REGION_START on;
 *   [3] STOPPED: 0 while the render goes on; STOPPING (a newer render replaced it: at most the
 *       chunk in progress is still written) or SEALED (the model has stopped and the unwritten
 *       rest is silence, readable to the end).
 *
 * The engine renders from the scrub position first (the region), then the part before it (the
 * prefix), so what is played first is written first. Each counter only grows.
 */
export const PREFIX = 0;
export const REGION_START = 1;
export const REGION_WRITTEN = 2;
export const STOPPED = 3;
export const WRITTEN_SPAN_SLOTS = 4;
export const STOPPING = 1;
export const SEALED = 2;

/** Whether nothing past the chunk in progress will be written (a voice reading it should move on before its end). */
export function stopping(spans: Int32Array | null): boolean {
  return spans !== null && Atomics.load(spans, STOPPED) !== 0;
}

/** The end of the run written by the model from `pos` (a sealed render's silence not counted). */
export function writtenEnd(spans: Int32Array | null, pos: number, length: number): number {
  if (!spans) return length;
  const prefix = Atomics.load(spans, PREFIX);
  const start = Atomics.load(spans, REGION_START);
  const end = start + Atomics.load(spans, REGION_WRITTEN);
  if (pos < prefix) return prefix >= start && start > 0 ? Math.max(prefix, end) : prefix;
  if (start > 0 && pos >= start && pos < end) return end;
  return pos;
}

/**
 * The end of the readable run starting at `pos` (`pos` itself when `pos` cannot be read yet).
 * `spans` null means the render is complete (`length` samples). Allocates nothing.
 */
export function readableEnd(spans: Int32Array | null, pos: number, length: number): number {
  if (!spans || Atomics.load(spans, STOPPED) === SEALED) return length;
  return writtenEnd(spans, pos, length);
}
