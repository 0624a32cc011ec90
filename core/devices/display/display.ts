import type { Device } from '../device';

/** A rectangle in screen pixels, inclusive of x0/y0 and exclusive of x1/y1. */
export interface Rect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** How many frames a display pushed, skipped and lost, for `doctor` and the metrics. */
export interface DisplayStats {
  /** Frames sent to the panel (whole or their dirty rectangle). */
  readonly pushed: number;
  /** Frames identical to what the panel already shows: nothing was sent. */
  readonly unchanged: number;
  /** Frames offered while the previous one was still on the wire: dropped (the next one catches up). */
  readonly busy: number;
  /** Frames that failed on the bus (the display went `degraded`). */
  readonly failed: number;
}

/**
 * The screen as the host uses it: whole frames of RGB565 pixels, row-major, top-left first.
 *
 * Obligations (in addition to {@link Device}):
 * - `pushFrame(frame)` takes `width * height` pixels: a `Uint16Array` of RGB565 values, or a
 *   `Buffer` of the same pixels big-endian (what {@link rgbaToRgb565be} makes). A frame of another
 *   size rejects with `NR_DISPLAY_FRAME_INVALID`; nothing else rejects.
 * - Only changes are sent: a frame identical to the last one pushed sends nothing and resolves
 *   `false`; a changed frame sends at least its changed rectangle and resolves `true`. `dirty`, when
 *   given, promises that pixels outside it did not change since the previous call.
 * - A frame offered while the previous one is still being sent resolves `false` without waiting.
 * - A bus failure resolves `false` and turns `health()` `degraded`; later calls retry with a bounded
 *   backoff (re-running the init sequence and sending a whole frame) and return to `ok` on success.
 * - `stats()` counts frames pushed, unchanged, busy and failed since `open()`.
 */
export interface Display extends Device {
  readonly kind: 'display';
  readonly width: number;
  readonly height: number;
  pushFrame(frame: Uint16Array | Buffer, dirty?: Rect): Promise<boolean>;
  stats(): DisplayStats;
}
