import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readBank } from '../../../core/banks/bank-store';
import { validateBank } from '../../../core/banks/validate-bank';
import { asReceived, errorWith, smallBank, tempDir } from './bank-fixture';

describe('bank validation', function () {
  it('accepts a bank made by the tools', function () {
    const bank = validateBank(asReceived(smallBank()), 'ok.json');
    assert.equal(bank.entries.length, 2);
  });

  it('fills in the schema defaults (description, frameRate, tags, units) before hashing', function () {
    const doc = asReceived(smallBank());
    delete doc.description;
    delete doc.frameRate;
    delete doc.entries[0].tags;
    delete doc.descriptors[0].unit;
    const bank = validateBank(doc, 'defaults.json');
    assert.equal(bank.description, '');
    assert.deepEqual(bank.frameRate, { sampleRate: 22050, hopLength: 512 });
    assert.deepEqual(bank.entries[0]!.tags, []);
    assert.equal(bank.descriptors[0]!.unit, 'linear amplitude');
  });

  const cases: Array<[string, (doc: any) => void, string, string]> = [
    ['NaN', (d) => (d.entries[0].frames[1][3] = Number.NaN), 'NR_BANK_VALUE_INVALID', '/entries/0/frames/1/3'],
    ['+Infinity', (d) => (d.entries[1].frames[5][0] = Number.POSITIVE_INFINITY), 'NR_BANK_VALUE_INVALID', '/entries/1/frames/5/0'],
    ['negative rms', (d) => (d.entries[0].frames[0][0] = -0.1), 'NR_BANK_VALUE_INVALID', '/entries/0/frames/0/0'],
    ['zcr above 1', (d) => (d.entries[0].frames[2][1] = 1.5), 'NR_BANK_VALUE_INVALID', '/entries/0/frames/2/1'],
    ['centroid above Nyquist', (d) => (d.entries[1].frames[3][5] = 11025.5), 'NR_BANK_VALUE_INVALID', '/entries/1/frames/3/5'],
    ['negative f0', (d) => (d.entries[1].frames[0][6] = -220), 'NR_BANK_VALUE_INVALID', '/entries/1/frames/0/6'],
    ['value outside the declared range', (d) => (d.entries[0].frames[0][4] = 1300), 'NR_BANK_VALUE_INVALID', '/entries/0/frames/0/4'],
    ['a declared zcr max above 1', (d) => (d.descriptors[1].max = 1.5), 'NR_BANK_VALUE_INVALID', '/descriptors/1/max'],
    ['a declared negative rms min', (d) => (d.descriptors[0].min = -0.5), 'NR_BANK_VALUE_INVALID', '/descriptors/0/min'],
    ['a declared f0 max above Nyquist', (d) => (d.descriptors[6].max = 20000), 'NR_BANK_VALUE_INVALID', '/descriptors/6/max'],
    ['an RMS of 1e39, declared and in a frame (issue #25: it rendered NaN)', (d) => ((d.descriptors[0].max = 1e39), (d.entries[0].frames[0][0] = 1e39)), 'NR_BANK_VALUE_INVALID', '/descriptors/0/max'],
    ['an RMS above full scale in a frame', (d) => ((d.descriptors[0].max = 1), (d.entries[0].frames[0][0] = 1.5)), 'NR_BANK_VALUE_INVALID', '/entries/0/frames/0/0'],
    ['an infinite declared max', (d) => (d.descriptors[4].max = Number.POSITIVE_INFINITY), 'NR_BANK_VALUE_INVALID', '/descriptors/4/max'],
    ['declared min above max', (d) => (d.descriptors[2].min = 1e4), 'NR_BANK_VALUE_INVALID', '/descriptors/2'],
    ['a frame 6 wide', (d) => d.entries[0].frames[2].pop(), 'NR_BANK_INVALID', '/entries/0/frames/2'],
    ['a frame 8 wide', (d) => d.entries[1].frames[4].push(1), 'NR_BANK_INVALID', '/entries/1/frames/4'],
    ['an empty curve', (d) => (d.entries[1].frames = []), 'NR_BANK_INVALID', '/entries/1/frames'],
    ['a string among the values', (d) => (d.entries[0].frames[1][2] = '3000'), 'NR_BANK_INVALID', '/entries/0/frames/1/2'],
    ['no entries', (d) => (d.entries = []), 'NR_BANK_INVALID', '/entries'],
    ['an upper-case id', (d) => (d.id = 'My-Bank'), 'NR_BANK_INVALID', '/id'],
    ['a version that is not semver', (d) => (d.version = '1.0'), 'NR_BANK_INVALID', '/version'],
    ['a frame rate other than 22050/512', (d) => (d.frameRate.hopLength = 256), 'NR_BANK_INVALID', '/frameRate/hopLength'],
    ['descriptors out of order', (d) => ([d.descriptors[0], d.descriptors[1]] = [d.descriptors[1], d.descriptors[0]]), 'NR_BANK_INVALID', '/descriptors/0/name'],
    ['an unknown property', (d) => (d.audio = 'UklGRg=='), 'NR_BANK_INVALID', '/'],
    ['a source that is a path', (d) => (d.entries[0].source.file = '../../etc/passwd'), 'NR_BANK_INVALID', '/entries/0/source/file'],
    ['an entry name "../x"', (d) => (d.entries[1].name = '../x'), 'NR_BANK_ENTRY_NAME_UNSAFE', '/entries/1/name'],
    ['an entry name "a/b"', (d) => (d.entries[0].name = 'a/b'), 'NR_BANK_ENTRY_NAME_UNSAFE', '/entries/0/name'],
    ['an entry name ".."', (d) => (d.entries[0].name = '..'), 'NR_BANK_ENTRY_NAME_UNSAFE', '/entries/0/name'],
    ['an entry name with a backslash', (d) => (d.entries[0].name = '..\\x'), 'NR_BANK_ENTRY_NAME_UNSAFE', '/entries/0/name'],
    ['two entries with one name', (d) => (d.entries[1].name = d.entries[0].name), 'NR_BANK_INVALID', '/entries/1/name'],
    ['a changed value (hash mismatch)', (d) => (d.entries[1].frames[2][2] = 2900), 'NR_BANK_HASH_MISMATCH', '/contentHash'],
    ['a changed name (hash mismatch)', (d) => (d.name = 'Renamed'), 'NR_BANK_HASH_MISMATCH', '/contentHash'],
  ];
  for (const [what, mutate, code, pointer] of cases) {
    it(`refuses ${what} with ${code} at ${pointer}`, function () {
      const doc = asReceived(smallBank());
      mutate(doc);
      assert.throws(() => validateBank(doc, 'bad.json'), errorWith(code, pointer));
    });
  }

  it('names the file and the JSON pointer in the message', function () {
    const doc = asReceived(smallBank());
    doc.entries[1].frames[3][1] = 2;
    try {
      validateBank(doc, '/banks/x/bank.json');
      assert.fail('expected an error');
    } catch (err) {
      assert.match((err as { describe(): string }).describe(), /^NR_BANK_VALUE_INVALID: \/banks\/x\/bank\.json at \/entries\/1\/frames\/3\/1: zcr is 2/);
    }
  });

  it('catches an infinity written in the file as 1e999', async function () {
    const dir = tempDir('bank-inf');
    const file = path.join(dir, 'bank.json');
    const text = JSON.stringify(smallBank()).replace('"frames":[[', '"frames":[[1e999,');
    fs.writeFileSync(file, text.replace(/\[1e999,[^,\]]*,/, '[1e999,'));
    await assert.rejects(readBank(dir), errorWith('NR_BANK_VALUE_INVALID', '/entries/0/frames/0/0'));
  });

  it('refuses a bank.json that is not JSON, naming the file', async function () {
    const dir = tempDir('bank-notjson');
    fs.writeFileSync(path.join(dir, 'bank.json'), '{"format": "neurorack-descriptor-bank",');
    await assert.rejects(readBank(dir), (err: any) => err.code === 'NR_JSON_MALFORMED' && err.location.file === path.join(dir, 'bank.json'));
  });

  it('reports a missing bank', async function () {
    await assert.rejects(readBank(path.join(tempDir('bank-missing'), 'nope')), errorWith('NR_BANK_NOT_FOUND'));
  });
});
