/** A frame to encode: `pixels` (RGBA, width x height) is moved to the thread and comes back with the PNG. */
export interface PngJob {
  readonly id: number;
  readonly pixels: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** The PNG of a job, and its pixels handed back (the caller reuses them). */
export type PngAnswer =
  | { readonly id: number; readonly png: Uint8Array; readonly pixels: Uint8Array }
  | { readonly id: number; readonly error: string; readonly pixels: Uint8Array };
