/**
 * How much of a render still being written can be read, as shared counters (an Int32Array over a
 * SharedArrayBuffer, written by the model's thread and the engine, read by the audio thread):
 *
 *   [0] PREFIX: samples written from the start;
 *   [1] REGION_START: where a second written region starts (0: none, the prefix is all);
 *   [2] REGION_WRITTEN: samples written from REGION_START on;
 *   [3] STOPPED: 0 while the render goes on; STOPPING (a newer render replaced it: at most the
 *       chunk in progress is still written) or SEALED (the model has stopped and the unwritten
 *       rest is silence, readable to the end);
 *   [4] VOICE_START: where a third region starts, at the voice that sounds now (0: none). Past the
 *       region's start it ends the region; before it (the voice sounds in the part before the
 *       scrub position) it ends the prefix and runs to the region's start;
 *   [5] VOICE_WRITTEN: samples written from VOICE_START on;
 *   [6..8] PREFIX_PLAYED, REGION_PLAYED, VOICE_PLAYED: how far into each run its furthest reader
 *       has played (samples from the run's start; 0 until one reads it), written by the thread
 *       that mixes (see markPlayed): the model paces its later chunks by them (RenderTarget.played).
 *
 * The engine renders from the scrub position first (the region, where the next gate starts) and,
 * when a voice sounds elsewhere, from that voice's position at the same time (so it hears the
 * new CVs without waiting for the region, or the prefix after it, to reach it); then the part
 * before the scrub position (the prefix). What is played first is written first. Each counter only
 * grows; a run that reaches the start of the next run goes on into it, whatever their order.
 */
export const PREFIX = 0;
export const REGION_START = 1;
export const REGION_WRITTEN = 2;
export const STOPPED = 3;
export const VOICE_START = 4;
export const VOICE_WRITTEN = 5;
/** Samples of the prefix, the region and the voice's part their furthest reader has played (see markPlayed). */
export const PREFIX_PLAYED = 6;
export const REGION_PLAYED = 7;
export const VOICE_PLAYED = 8;
export const WRITTEN_SPAN_SLOTS = 9;
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
  const regionEnd = start + Atomics.load(spans, REGION_WRITTEN);
  const voice = Atomics.load(spans, VOICE_START);
  const voiceEnd = voice + Atomics.load(spans, VOICE_WRITTEN);
  // Three runs (prefix, region, voice's part) in either order along the sound: each pass steps
  // from the run `end` is in to its end, so three passes follow any chain of them.
  let end = pos;
  for (let pass = 0; pass < 3; pass++) {
    if (end < prefix) end = prefix;
    if (start > 0 && end >= start && end < regionEnd) end = regionEnd;
    if (voice > 0 && end >= voice && end < voiceEnd) end = voiceEnd;
  }
  return end;
}

/**
 * The end of the readable run starting at `pos` (`pos` itself when `pos` cannot be read yet).
 * `spans` null means the render is complete (`length` samples). Allocates nothing.
 */
export function readableEnd(spans: Int32Array | null, pos: number, length: number): number {
  if (!spans || Atomics.load(spans, STOPPED) === SEALED) return length;
  return writtenEnd(spans, pos, length);
}

/**
 * Records that a voice reading the render has played it to `pos` (loop grains do not count: they
 * read again and again the grain the engine has the first chunk reach, RenderTarget.firstFrames): the run
 * holding `pos` (prefix, region or voice's part: see render-engine's partEnds) counts how far into
 * it its furthest reader is, and the first read of a run wakes a model waiting to write more of it
 * (laterChunkWanted). Called by the one thread that mixes; allocates nothing.
 */
export function markPlayed(spans: Int32Array | null, pos: number): void {
  if (!spans || pos <= 0 || spans.length < WRITTEN_SPAN_SLOTS) return;
  const region = Atomics.load(spans, REGION_START);
  const voice = Atomics.load(spans, VOICE_START);
  let counter: number;
  let start: number;
  if (voice > 0 && pos > voice && (voice > region || pos <= region)) {
    counter = VOICE_PLAYED;
    start = voice;
  } else if (pos > region) {
    counter = region > 0 ? REGION_PLAYED : PREFIX_PLAYED;
    start = region;
  } else {
    counter = PREFIX_PLAYED;
    start = 0;
  }
  const played = pos - start;
  const before = Atomics.load(spans, counter);
  if (played <= before) return;
  Atomics.store(spans, counter, played);
  if (before === 0) Atomics.notify(spans, counter);
}
