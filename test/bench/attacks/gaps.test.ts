import { strict as assert } from 'node:assert';
import { longestGap, peakWithin } from '../../../bench/attacks/gaps';

describe('bench:attacks longest gap between answers', () => {
  it('counts the stretches from the window start, between answers and to the window end', () => {
    assert.equal(longestGap([110, 120, 400, 410], 100, 500), 280);
    assert.equal(longestGap([110, 120], 100, 500), 380, 'the last answer to the window end');
    assert.equal(longestGap([300, 310], 100, 320), 200, 'the window start to the first answer');
  });

  it('leaves out answers outside the window and takes them in any order', () => {
    assert.equal(longestGap([50, 400, 150, 900, 200], 100, 450), 200);
  });

  it('is the whole window with no answer in it, and 0 for an empty window', () => {
    assert.equal(longestGap([], 100, 350), 250);
    assert.equal(longestGap([10, 20], 100, 350), 250);
    assert.equal(longestGap([120], 200, 200), 0);
  });

  it('takes the peak of the samples within the window only', () => {
    const samples: Array<[number, number]> = [[0, 900], [10, 100], [20, 300], [30, 200], [40, 800]];
    assert.equal(peakWithin(samples, 5, 35), 300);
    assert.equal(peakWithin(samples, 50, 60), undefined);
  });
});
