import { strict as assert } from 'node:assert';
import { memoRangeExcursions, rangeExcursions } from '../../../core/ui/range-excursions';

describe('rangeExcursions', () => {
  const ranges = [
    { name: 'rms', trainMin: 0, trainMax: 0.25 },
    { name: 'centroid', trainMin: 100, trainMax: 6000 },
    { name: 'f0', trainMin: 40, trainMax: 3000 },
  ];
  const frame = (rms: number, centroid: number, f0: number) => [rms, 0.05, 2000, 0.01, 800, centroid, f0];

  it('names each descriptor outside its range once, in descriptor order, with the way it left', () => {
    const out = rangeExcursions([frame(0.1, 50, 100), frame(0.4, 900, 20), frame(0.2, 800, 60)], ranges);
    assert.deepEqual(out, [
      { name: 'rms', direction: 'above', worst: 0.4, limit: 0.25 },
      { name: 'centroid', direction: 'below', worst: 50, limit: 100 },
      { name: 'f0', direction: 'below', worst: 20, limit: 40 },
    ]);
  });

  it('reports nothing inside the ranges, for no frames, or for descriptors without a range', () => {
    assert.deepEqual(rangeExcursions([frame(0.1, 500, 100)], ranges), []);
    assert.deepEqual(rangeExcursions([], ranges), []);
    assert.deepEqual(rangeExcursions([frame(9, 1e5, 1e4)], []), []);
  });

  it('remembers the last answer: the same array until the frames or ranges change', () => {
    const memo = memoRangeExcursions();
    const frames = [frame(0.5, 500, 100)];
    const first = memo(frames, ranges);
    assert.equal(memo(frames, ranges), first);
    assert.notEqual(memo([frame(0.5, 500, 100)], ranges), first);
    assert.deepEqual(memo(undefined, ranges), []);
  });
});
