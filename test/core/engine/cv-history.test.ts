import { strict as assert } from 'node:assert';
import { CvHistory } from '../../../core/engine/cv-history';

describe('CvHistory', () => {
  it('holds the last seconds of a jack, oldest first, in one view without copying, through many wraps', () => {
    const h = new CvHistory(10, 0.5); // 5 values
    assert.deepEqual([...h.view()], []);
    for (let v = 1; v <= 3; v++) h.push(v);
    assert.deepEqual([...h.view()], [1, 2, 3]);
    for (let v = 4; v <= 23; v++) {
      h.push(v);
      assert.deepEqual([...h.view()], Array.from({ length: Math.min(5, v) }, (_, i) => v - Math.min(5, v) + 1 + i));
    }
    const view = h.view();
    const copy = h.snapshot();
    h.push(24);
    assert.deepEqual([...copy], [19, 20, 21, 22, 23], 'a snapshot stays as it was');
    assert.equal(view.buffer, h.view().buffer, 'views share the ring: nothing is allocated but the view');
  });
});
