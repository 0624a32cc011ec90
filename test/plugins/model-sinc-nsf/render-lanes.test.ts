import { strict as assert } from 'node:assert';
import { RenderLanes, type LaneJob } from '../../../plugins/model-sinc-nsf/render-lanes';

/** A lane request and the hand that settles it. */
function job(readyBase = 0): { job: LaneJob; ready: Int32Array; settle: () => void; done: Promise<void> } {
  const ready = new Int32Array(new SharedArrayBuffer(4));
  let settle!: () => void;
  const done = new Promise<void>((resolve) => (settle = resolve));
  return { job: { ready, readyBase }, ready, settle, done };
}

describe('model-sinc-nsf: RenderLanes (where a progressive render request would start at once)', () => {
  it('an empty lane is free; one holding a request that may compute (a first chunk, a whole render) is not, until it is answered', async () => {
    const lanes = new RenderLanes(2);
    assert.ok(lanes.free(0) && lanes.free(1));
    const first = job();
    const tracked = lanes.track(0, first.job, first.done);
    assert.equal(lanes.free(0), false);
    assert.equal(lanes.free(1), true);
    first.settle();
    await tracked;
    assert.equal(lanes.free(0), true);
  });

  it('a rest waiting for its first chunk holds no thread (free); once that chunk is written it computes (not free)', () => {
    const lanes = new RenderLanes(2);
    const rest = job(1024);
    void lanes.track(1, rest.job, rest.done);
    assert.equal(lanes.free(1), true);
    Atomics.store(rest.ready, 0, 512);
    assert.equal(lanes.free(1), true, 'half of the first chunk is not the first chunk');
    Atomics.store(rest.ready, 0, 1024);
    assert.equal(lanes.free(1), false);
    rest.settle();
  });

  it('pick: a free lane before a busy one, the emptiest free one first, else the one holding the fewest requests', () => {
    const lanes = new RenderLanes(4);
    const busy = job();
    void lanes.track(1, busy.job, busy.done);
    const waiting = job(1024);
    void lanes.track(2, waiting.job, waiting.done);
    assert.equal(lanes.pick(1), 3, 'lane 3 is empty, lane 2 free but holding a rest');
    const other = job();
    void lanes.track(3, other.job, other.done);
    assert.equal(lanes.pick(1), 2, 'lane 2 is the only free one');
    Atomics.store(waiting.ready, 0, 1024);
    const more = job();
    void lanes.track(1, more.job, more.done);
    assert.equal(lanes.pick(1), 2, 'none free: the fewest requests (lanes 2 and 3 hold one, lane 1 two), the first of them');
    for (const j of [busy, waiting, other, more]) j.settle();
  });

  it('a lane added later starts empty', () => {
    const lanes = new RenderLanes(1);
    const busy = job();
    void lanes.track(0, busy.job, busy.done);
    lanes.add();
    assert.equal(lanes.count, 2);
    assert.equal(lanes.pick(0), 1);
    busy.settle();
  });
});
