import assert from 'node:assert/strict';
import { entryNameFromFile, entryNameProblem } from '../../../core/banks/entry-name';

describe('bank entry names', function () {
  for (const bad of ['../x', 'a/b', 'a\\b', '..', '.', '...', '', 'C:evil', 'tab\there', 'x'.repeat(65)]) {
    it(`refuses ${JSON.stringify(bad)}`, function () {
      assert.ok(entryNameProblem(bad), `expected ${JSON.stringify(bad)} to be refused`);
    });
  }

  for (const good of ['hit-01', 'Big Boom', 'a.b', '.hidden-ish', 'x'.repeat(64), 'glas-klirren ü']) {
    it(`accepts ${JSON.stringify(good)}`, function () {
      assert.equal(entryNameProblem(good), undefined);
    });
  }

  it('makes a safe name from any file name', function () {
    assert.equal(entryNameFromFile('/tmp/sounds/metal-0001.wav'), 'metal-0001');
    assert.equal(entryNameFromFile('..wav'), 'sound');
    assert.equal(entryNameFromFile('a:b.wav'), 'a-b');
    assert.equal(entryNameFromFile('y'.repeat(80) + '.wav').length, 64);
  });
});
