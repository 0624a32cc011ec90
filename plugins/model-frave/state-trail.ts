import type { GraphState } from './stateful-graph';

/** A decoder state a progressive render passed through: the state before frame `frame` of its curve. */
export interface Waypoint {
  readonly seed: number;
  readonly frame: number;
  readonly state: GraphState;
  /** Which render reached it (later renders have higher numbers). */
  readonly render: number;
}

/**
 * The decoder states the worker's recent progressive renders passed through: before their first
 * frame and after each chunk. A render that starts part-way into a sound (the sounding voice's part
 * of a re-render after a CV change) continues from the newest render's state at most `reach`
 * frames before its start (decoding the frames between with its own curve), instead of decoding
 * `reach` frames of context from zero state: the voice's sound goes on from what it was playing,
 * as a streaming decoder's would, and a change costs the frames after that state (0 to 1 under an
 * LFO) instead of the whole context (20 frames, about 5 ms of the 6.6 a change cost). Where the
 * newest render's curve is the same over the `reach` frames before (as for the region and voice
 * parts of one request, or a render repeated), the state is the offline render's, within the
 * effective field's tolerance. States are the graph's own output tensors, never written to, so
 * keeping them costs no copy (about 20 KB each). Bounded: the oldest go first.
 */
export class StateTrail {
  private readonly points: Waypoint[] = [];
  private renders = 0;

  constructor(private readonly capacity = 64) {}

  /** Numbers a new render: its waypoints are preferred to those of every render before it. */
  begin(): number {
    return ++this.renders;
  }

  record(render: number, seed: number, frame: number, state: GraphState): void {
    this.points.push({ render, seed, frame, state });
    if (this.points.length > this.capacity) this.points.shift();
  }

  /** The newest render's latest waypoint in [from - reach, from] with this seed's noise, if any. */
  before(seed: number, from: number, reach: number): Waypoint | undefined {
    let best: Waypoint | undefined;
    for (const p of this.points) {
      if (p.seed !== seed || p.frame > from || p.frame < from - reach) continue;
      if (!best || p.render > best.render || (p.render === best.render && p.frame > best.frame)) best = p;
    }
    return best;
  }
}
