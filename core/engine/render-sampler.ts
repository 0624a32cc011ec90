import type { DescriptorFrames } from './descriptor-frames';

/** A complete render and the curves it was asked for, copied out of the engine's buffers for measuring. */
export interface RenderSample {
  readonly version: number;
  readonly modelId: string;
  readonly frames: DescriptorFrames;
  /** The whole render (frames.length x hop samples at the model rate), a copy the caller owns. */
  readonly audio: Float32Array;
}

/**
 * Hands out copies of the newest complete render on request, for meters that run elsewhere. The
 * engine's buffers are reused (render slots), so a render is copied while the engine still holds
 * it as the newest, and only when someone asked: no copy is made, and nothing is kept, for renders
 * nobody measures. `completed` is called by the instrument on its control path and costs one
 * comparison unless a request waits (then one copy of the render).
 */
export class RenderSampler {
  private newest: { version: number; modelId: string; frames: DescriptorFrames; audio: Float32Array } | undefined;
  private waiter: { after: number; resolve(s: RenderSample): void } | undefined;

  /** A render became complete; `newestAsked` is the version of the newest curves asked for. */
  completed(version: number, modelId: string, frames: DescriptorFrames | undefined, audio: Float32Array, newestAsked: number): void {
    if (version !== newestAsked || !frames) {
      this.newest = undefined;
      return;
    }
    this.newest = { version, modelId, frames, audio };
    this.serve(newestAsked);
  }

  /** Newer curves were asked for: the newest complete render no longer is their sound. */
  asked(): void {
    this.newest = undefined;
  }

  /**
   * The next complete render newer than version `after` (at once when the newest render is that).
   * One request at a time: a second replaces the first, which never resolves.
   */
  next(after: number, newestAsked: number): Promise<RenderSample> {
    return new Promise((resolve) => {
      this.waiter = { after, resolve };
      this.serve(newestAsked);
    });
  }

  private serve(newestAsked: number): void {
    const n = this.newest;
    const w = this.waiter;
    if (!n || !w || n.version <= w.after || n.version !== newestAsked) return;
    this.waiter = undefined;
    w.resolve({ version: n.version, modelId: n.modelId, frames: n.frames, audio: n.audio.slice() });
  }
}
