/** One progressive render request on a lane, as the lane's caller sees it. */
export interface LaneJob {
  /** The render's written count (shared with its other parts). */
  readonly ready: Int32Array;
  /** Samples another lane writes before this part (RenderPart.readyBase; 0: none). */
  readonly readyBase: number;
}

/**
 * The progressive render requests each render lane (model thread) has been given and not yet
 * answered, and whether a request sent there now would start at once. A lane is *free* when none
 * of its requests holds its thread: each is the rest of a render still waiting for its first
 * chunk, written on another lane (it waits without holding the thread, see renderProgressively;
 * cancelled meanwhile, it returns without computing). Any other request may be computing, and a
 * model thread cannot leave a chunk half-way, cancelled or not: a request sent there waits for
 * the chunk's end.
 */
export class RenderLanes {
  private readonly jobs: Array<Set<LaneJob>> = [];

  constructor(lanes: number) {
    for (let i = 0; i < lanes; i++) this.add();
  }

  /** A lane joined (see SincNsfModel.addLanes). */
  add(): void {
    this.jobs.push(new Set());
  }

  get count(): number {
    return this.jobs.length;
  }

  /** Runs `job` on `lane` until `done` settles. */
  track<T>(lane: number, job: LaneJob, done: Promise<T>): Promise<T> {
    const jobs = this.jobs[lane]!;
    jobs.add(job);
    return done.finally(() => jobs.delete(job));
  }

  /** Whether a request sent to `lane` now would start at once (see the class). */
  free(lane: number): boolean {
    for (const j of this.jobs[lane]!) if (!waitsForBase(j)) return false;
    return true;
  }

  /** The lane from `first` to `last` to send a request to: a free one (the emptiest), else the one holding the fewest requests. */
  pick(first: number, last = this.jobs.length - 1): number {
    let best = first;
    let bestFree = this.free(first);
    for (let i = first + 1; i <= last; i++) {
      const free = this.free(i);
      if ((free && !bestFree) || (free === bestFree && this.jobs[i]!.size < this.jobs[best]!.size)) {
        best = i;
        bestFree = free;
      }
    }
    return best;
  }
}

/** The rest of a render whose first chunk is not written yet: it holds no thread. */
function waitsForBase(j: LaneJob): boolean {
  return j.readyBase > 0 && Atomics.load(j.ready, 0) < j.readyBase;
}
