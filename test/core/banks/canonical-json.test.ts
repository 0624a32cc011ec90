import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { bankContentHash } from '../../../core/banks/bank-hash';
import { canonicalJson } from '../../../core/banks/canonical-json';

describe('canonical JSON and the bank content hash', function () {
  it('sorts keys at every depth and leaves out whitespace', function () {
    assert.equal(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } }), '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('writes numbers in shortest round-trip form and -0 as 0', function () {
    assert.equal(canonicalJson([0.1, 1e21, 1e-7, -0, 5, 2.5e-10, 123456789.125]), '[0.1,1e+21,1e-7,0,5,2.5e-10,123456789.125]');
  });

  it('escapes strings as JSON does', function () {
    assert.equal(canonicalJson({ 'k"': 'a\nb\u0001é' }), '{"k\\"":"a\\nb\\u0001é"}');
  });

  it('refuses NaN and infinities instead of hashing something ambiguous', function () {
    assert.throws(() => canonicalJson({ a: [1, Number.NaN] }), /\/a\/1/);
    assert.throws(() => canonicalJson(Number.POSITIVE_INFINITY), RangeError);
  });

  it('hashes the canonical text without the contentHash field', function () {
    const expected = 'sha256:' + createHash('sha256').update('{"a":[1,2],"b":"x"}').digest('hex');
    assert.equal(bankContentHash({ b: 'x', contentHash: 'sha256:whatever', a: [1, 2] }), expected);
    assert.equal(bankContentHash({ a: [1, 2], b: 'x' }), expected);
  });
});
