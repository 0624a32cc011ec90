import { strict as assert } from 'node:assert';
import { pickContrastPair, type BankCurves } from '../../../bench/patches/entry-pair';
import { shippedBankCurves } from '../../../bench/patches/shipped-banks';

/** An entry whose RMS starts at `loud` and decays to `tail` of it by frame 11 (~0.25 s), at a steady centroid. */
function entry(name: string, centroid: number, loud = 0.2, tail = 0.1) {
  return { name, frames: Array.from({ length: 40 }, (_, i) => [loud * Math.pow(tail, i / 11), centroid]) };
}
const bank = (id: string, entries: ReturnType<typeof entry>[]): BankCurves => ({ id, hopS: 512 / 22050, rmsCol: 0, centroidCol: 1, entries });

describe('bench:patches entry pair for the stale patches', () => {
  it('takes the pair furthest apart in centroid among those with short tails and like loudness, darker as A', () => {
    const p = pickContrastPair([
      bank('one', [entry('mid', 1000), entry('high', 4000), entry('long-tail-low', 100, 0.2, 0.9)]),
      bank('two', [entry('low', 300), entry('quiet-high', 8000, 0.02), entry('higher', 5000)]),
    ]);
    assert.deepEqual([p.bank, p.a, p.b, p.clean], ['two', 'low', 'higher', true]);
    assert.ok(Math.abs(p.octaves - Math.log2(5000 / 300)) < 1e-9);
  });

  it('falls back to the widest pair when none qualifies', () => {
    const p = pickContrastPair([bank('x', [entry('a', 200, 0.2, 0.9), entry('b', 2000, 0.2, 0.9), entry('c', 800, 0.2, 0.9)])]);
    assert.deepEqual([p.a, p.b, p.clean], ['a', 'b', false]);
  });

  it('finds a clean pair at least two octaves apart among the shipped banks', async () => {
    const p = pickContrastPair(await shippedBankCurves());
    assert.ok(p.clean && p.octaves >= 2, JSON.stringify(p));
  });
});
