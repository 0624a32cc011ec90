import type { GraphState } from './stateful-graph';

/** A decoder state a progressive render passed through: the state before frame `frame` of the module's timeline (RenderTarget.origin + the frame of its curve). */
export interface Waypoint {
  readonly seed: number;
  readonly frame: number;
  readonly state: GraphState;
  /** Which render reached it (later renders have higher numbers). */
  readonly render: number;
}

/**
 * The decoder states the worker's recent progressive renders passed through: before their first
 * frame and after each chunk, placed on the module's timeline (RenderTarget.origin: the region
 * and the voice's part of a render begin at the scrub position, and so their curves). A render
 * that starts part-way into a sound (the sounding voice's part of a re-render after a CV change)
 * continues the state nearest before its start, at most `reach` frames back (decoding the frames
 * between with its own curve), instead of decoding `reach` frames of context from zero state: the
 * voice's sound goes on from what was played there, as a streaming decoder's would, and a change
 * costs the frames since that state (0 to 2 under an LFO) instead of the whole context (20 frames,
 * about 5 ms of the 6.6 a change cost).
 *
 * Nearest first, then the newest render: the newest render used to win however far back its
 * state was, and the newest is the region of the very request the voice's part belongs to, which
 * begins at the scrub position: a voice 4 to 20 frames past it caught up 4 to 20 frames (3-9 ms,
 * most of a CV change's time in a quiet patch, bench:patches slow) where the render it was
 * playing had passed a frame or two before it. Where the curve is the same over the frames
 * between (the region and voice parts of one request, a render repeated), the state is the
 * offline render's, within the effective field's tolerance. States are the graph's own output
 * tensors, never written to, so keeping them costs no copy (about 20 KB each). Bounded: the
 * oldest go first, so a state left by a sound long gone is not continued.
 */
export class StateTrail {
  private readonly points: Waypoint[] = [];
  private renders = 0;

  constructor(private readonly capacity = 64) {}

  /** Numbers a new render: its waypoints are preferred to those of every render before it at the same frame. */
  begin(): number {
    return ++this.renders;
  }

  record(render: number, seed: number, frame: number, state: GraphState): void {
    this.points.push({ render, seed, frame, state });
    if (this.points.length > this.capacity) this.points.shift();
  }

  /** The waypoint with this seed's noise in [from - reach, from] and at or after `floor` nearest to `from` (the newest render's on a tie), if any. */
  before(seed: number, from: number, reach: number, floor = -Infinity): Waypoint | undefined {
    let best: Waypoint | undefined;
    const low = Math.max(from - reach, floor);
    for (const p of this.points) {
      if (p.seed !== seed || p.frame > from || p.frame < low) continue;
      if (!best || p.frame > best.frame || (p.frame === best.frame && p.render > best.render)) best = p;
    }
    return best;
  }
}
