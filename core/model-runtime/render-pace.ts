/**
 * Frames a progressive render keeps written past its furthest reader before it writes its next
 * chunk (RenderTarget.played). About 93 ms at 22050 Hz / 512: more than a later chunk takes on a
 * loaded model thread, behind the other renders' first chunks that go before it. A region's first
 * chunk and the second (2 and 4 frames) are written before a gate comes; a loop's first chunk,
 * which reaches where its grain ends, is enough by itself.
 */
export const PACE_AHEAD_FRAMES = 4;

/**
 * How long a render is paced (ms from its first chunk): a render still current after this is
 * written to its end as fast as the model goes, as it would be without pacing. Under CVs that never
 * rest a newer render replaces each one within a few milliseconds, and its later chunks were
 * written for nobody (FRAVE under the ratchet patch decoded some 3,100 frames a second for voices
 * that each play 43); a render that stays (the CVs at rest) completes a moment later, for what measures
 * complete renders (the follow meter) and for the fallback a failed render leaves.
 */
export const PACE_SETTLE_MS = 60;

/** Longest single wait: a render stopped (RenderTarget.cancel) while it waits ends within this. */
const PACE_POLL_MS = 20;

/** Node has Atomics.waitAsync; the ES2022 lib typings do not. */
interface AtomicsWaitAsync {
  waitAsync(a: Int32Array, index: number, value: number, timeoutMs?: number): { async: false; value: string } | { async: true; value: Promise<string> };
}

/** What a progressive render's later chunks are paced by (the fields of RenderTarget it reads). */
export interface PacedTarget {
  /** [0]: samples written from the target's start (RenderTarget.ready). */
  readonly ready: Int32Array;
  /** [0]: samples of the target its furthest reader has played (RenderTarget.played); none: not paced. */
  readonly played?: Int32Array | null;
  readonly cancel?: Int32Array | null;
}

/**
 * Resolves when a progressive render should write its next later chunk: at once when the target
 * is not paced (no `played`), is stopped, has fewer than `aheadSamples` written past what its
 * readers have played, or has been rendering for `settleMs` ({@link PACE_SETTLE_MS}) since
 * `startedAt` (performance.now() ms). Otherwise it waits, holding no thread: until the reader is due at that
 * mark (readers play in real time, `samplesPerMs`), or, before anyone reads, until the first
 * reader starts (the audio thread notifies `played` then), never longer than PACE_POLL_MS at once.
 * A caller that stops the render notifies `played` too (the engine does), so the wait ends at once.
 */
export async function laterChunkWanted(target: PacedTarget, aheadSamples: number, samplesPerMs: number, startedAt: number, settleMs = PACE_SETTLE_MS): Promise<void> {
  const played = target.played;
  if (!played) return;
  for (;;) {
    if (target.cancel && Atomics.load(target.cancel, 0) !== 0) return;
    const settleLeft = startedAt + settleMs - performance.now();
    if (settleLeft <= 0) return;
    const read = Atomics.load(played, 0);
    const slack = Atomics.load(target.ready, 0) - read - aheadSamples;
    if (slack < 0) return;
    const ms = Math.min(PACE_POLL_MS, settleLeft, read === 0 ? PACE_POLL_MS : Math.max(1, slack / samplesPerMs));
    const w = (Atomics as unknown as AtomicsWaitAsync).waitAsync(played, 0, read, ms);
    if (w.async) await w.value;
  }
}
