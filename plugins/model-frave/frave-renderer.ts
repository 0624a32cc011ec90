import * as ort from 'onnxruntime-node';
import { FirstChunkGate, LEAD_FRAMES, laterChunkWanted, PACE_AHEAD_FRAMES } from 'neurorack/sdk';
import { BandNoise } from './band-noise';
import { DECODER_INPUTS, AUDIO_OUTPUT, type FraveSizes } from './frave-manifest';
import type { GraphState, StatefulGraph } from './stateful-graph';
import { StateTrail } from './state-trail';

/**
 * A curve to render: packed descriptors [t*width] (host units) and latent [t*dim], the seed of its
 * noise, and where its frame 0 sits on the module's timeline (RenderTarget.origin, default 0): the
 * noise is drawn, and states are kept, by timeline frame, so renders of curves that begin at
 * different places agree where they meet.
 */
export interface RenderInputs {
  readonly desc: Float32Array;
  readonly latent: Float32Array;
  readonly t: number;
  readonly seed: number;
  readonly origin?: number;
}

/**
 * Chunks of a progressive render: the first is the engine's lead (LEAD_FRAMES, in whole blocks of
 * `block_frames`; plus the context it decodes first), then each twice the one before up to
 * `LATER_FRAMES`. A FRAVE call costs little beyond its frames (about 0.8 ms for one frame, 6.6 ms
 * for 28 on one core here), so a short first chunk buys early audio cheaply and 16-frame chunks
 * keep a newer render's cancel within ~4 ms. A first chunk of one block (1 frame) was shorter than
 * the engine plays from: each render waited for its second chunk, which the later-chunk gate holds
 * behind the voice's part and which runs at the model's lower priority.
 */
export const LATER_FRAMES = 16;

/** Frames of a progressive render's first chunk for a graph of `blockFrames`: the engine's lead, or the frames asked (RenderTarget.firstFrames) when more, in whole blocks. */
export function firstChunkFrames(blockFrames: number, asked = 0): number {
  return blockFrames * Math.ceil(Math.max(LEAD_FRAMES, asked) / blockFrames);
}
/** Frames per call of a whole render (state carried between calls). */
export const WHOLE_CALL_FRAMES = 64;

/**
 * Decodes curves through the decoder graph with its state carried call to call (the code the model
 * worker runs). The noise is a function of the sample position (BandNoise), the latent and
 * descriptors those of the frames decoded, so a render from frame f started `leftFrames` earlier
 * from zero state equals the whole render from f on (within the effective field's tolerance).
 */
export class FraveRenderer {
  /** Frames decoded so far (context and catch-up included): what renders cost. */
  framesDecoded = 0;
  private readonly trail = new StateTrail();

  constructor(private readonly graph: StatefulGraph, private readonly sizes: FraveSizes) {}

  /** Decodes frames [from, to) of `inputs` continuing `state`; returns their audio and the next state. */
  async decode(inputs: RenderInputs, from: number, to: number, state: GraphState, noise = new BandNoise(inputs.seed)): Promise<{ audio: Float32Array; state: GraphState }> {
    const { width, dim, bands, perBand } = this.sizes;
    const n = to - from;
    const feeds = {
      [DECODER_INPUTS.latent]: new ort.Tensor('float32', inputs.latent.subarray(from * dim, to * dim), [1, n, dim]),
      [DECODER_INPUTS.descriptors]: new ort.Tensor('float32', inputs.desc.subarray(from * width, to * width), [1, n, width]),
      [this.sizes.noiseInput]: new ort.Tensor('float32', noise.fill(new Float32Array(bands * n * perBand), bands, ((inputs.origin ?? 0) + from) * perBand, n * perBand), [1, bands, n * perBand]),
    };
    const out = await this.graph.run(feeds, state);
    this.framesDecoded += n;
    return { audio: out.outputs[AUDIO_OUTPUT]!.data as Float32Array, state: out.state };
  }

  /** The whole curve, in calls of `callFrames` carrying state. */
  async render(inputs: RenderInputs, callFrames = WHOLE_CALL_FRAMES): Promise<Float32Array> {
    const out = new Float32Array(inputs.t * this.sizes.hop);
    const noise = new BandNoise(inputs.seed);
    let state = this.graph.zeroState();
    for (let f = 0; f < inputs.t; f += callFrames) {
      const to = Math.min(inputs.t, f + callFrames);
      const r = await this.decode(inputs, f, to, state, noise);
      out.set(r.audio, f * this.sizes.hop);
      state = r.state;
    }
    return out;
  }

  /**
   * Frames [from, to) into `audio` (from its start), chunk by chunk (see LATER_FRAMES), publishing
   * the samples written in `ready[0]` after each chunk (Atomics.store, then notify) and stopping
   * after the chunk in progress once `cancel[0]` is set. A render from frame 0 starts from zero
   * state. One from a later frame continues the state nearest before it on the module's timeline
   * (`inputs.origin` + frame, RenderTarget.origin), of whichever render passed there within `leftFrames`
   * (StateTrail), else decodes the context before it (at most `leftFrames`) from zero state; either
   * way with the first chunk. `gate` holds later chunks back while another render's first chunk
   * waits (and raises this thread meanwhile; `urgent`: a voice waits for this one's first chunk,
   * RenderTarget.urgent), and other first chunks before each of their model calls while an urgent
   * one waits. A render stopped before its first chunk (after its context) writes none. `played`
   * (RenderTarget.played): later chunks wait until the readers need them (laterChunkWanted).
   */
  async renderInto(inputs: RenderInputs, audio: Float32Array, ready: Int32Array, cancel: Int32Array | null, from: number, to: number, gate: FirstChunkGate = new FirstChunkGate(), urgent = false, firstFrames = 0, played: Int32Array | null = null): Promise<void> {
    const cancelled = (): boolean => cancel !== null && Atomics.load(cancel, 0) !== 0;
    if (cancelled()) return;
    const { blockFrames, leftFrames } = this.sizes;
    const origin = inputs.origin ?? 0;
    const noise = new BandNoise(inputs.seed);
    const render = this.trail.begin();
    // Only a state inside this curve (from its first frame on) can be caught up with its frames.
    const waypoint = from > 0 ? this.trail.before(inputs.seed, origin + from, leftFrames, origin) : undefined;
    let state = waypoint?.state ?? this.graph.zeroState();
    let pos = from;
    let chunk = firstChunkFrames(blockFrames, firstFrames);
    gate.enterFirst(urgent);
    try {
      const start = waypoint ? waypoint.frame - origin : Math.max(0, from - leftFrames);
      // Every render runs on this one thread: a first chunk a voice waits for (a stepped gate's)
      // goes before the model calls of other first chunks, and one stopped meanwhile (the gate
      // replaced the CV change asked just before it) computes no chunk after its context.
      if (!urgent) await gate.urgentClear();
      if (start < from) {
        if (cancelled()) return;
        state = (await this.decode(inputs, start, from, state, noise)).state;
        if (!urgent) await gate.urgentClear();
      }
      if (cancelled()) return;
      this.trail.record(render, inputs.seed, origin + from, state);
      const first = await this.writeChunk(inputs, pos, Math.min(to, pos + chunk), state, noise, audio, from, ready);
      pos = first.pos;
      state = first.state;
      this.trail.record(render, inputs.seed, origin + pos, state);
    } finally {
      gate.leaveFirst(urgent);
    }
    const paced = { ready, played, cancel };
    const settleFrom = performance.now();
    while (pos < to && !cancelled()) {
      await laterChunkWanted(paced, PACE_AHEAD_FRAMES * this.sizes.hop, this.sizes.sampleRate / 1000, settleFrom);
      if (cancelled()) break;
      await gate.clear();
      chunk = Math.min(Math.max(blockFrames, LATER_FRAMES - (LATER_FRAMES % blockFrames)), chunk * 2);
      const r = await this.writeChunk(inputs, pos, Math.min(to, pos + chunk), state, noise, audio, from, ready);
      pos = r.pos;
      state = r.state;
      this.trail.record(render, inputs.seed, origin + pos, state);
    }
  }

  private async writeChunk(inputs: RenderInputs, pos: number, end: number, state: GraphState, noise: BandNoise, audio: Float32Array, from: number, ready: Int32Array): Promise<{ pos: number; state: GraphState }> {
    const r = await this.decode(inputs, pos, end, state, noise);
    audio.set(r.audio, (pos - from) * this.sizes.hop);
    Atomics.store(ready, 0, (end - from) * this.sizes.hop);
    Atomics.notify(ready, 0);
    return { pos: end, state: r.state };
  }
}
