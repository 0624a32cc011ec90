import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeWav } from '../../../core/audio/wav-read';
import { createBank } from '../../../core/banks/bank-create';
import { extractDescriptors } from '../../../core/descriptors/extract';
import { generateImpact } from '../../../core/synth/generate-impact';
import { encodeImpactWav } from '../../../core/synth/impact-wav';
import { errorWith, tempDir } from './bank-fixture';

describe('createBank', function () {
  let dir: string;
  before(function () {
    dir = tempDir('bank-create');
    fs.writeFileSync(path.join(dir, 'one.wav'), encodeImpactWav(generateImpact(1)));
    fs.writeFileSync(path.join(dir, 'two.wav'), encodeImpactWav(generateImpact(2)));
    fs.writeFileSync(path.join(dir, 'notes.txt.wav'), 'this is not audio at all, just text');
    fs.writeFileSync(path.join(dir, 'empty.wav'), Buffer.alloc(0));
    const whole = encodeImpactWav(generateImpact(3));
    fs.writeFileSync(path.join(dir, 'truncated.wav'), whole.subarray(0, 30));
    fs.writeFileSync(path.join(dir, 'tiny.wav'), encodeImpactWav(new Float32Array(100).fill(0.1)));
  });

  it('makes one entry per usable sound: curve from the extractor, source hash of the file', async function () {
    const { bank, skipped } = await createBank({ id: 'mine', author: 'Me' }, [path.join(dir, 'one.wav'), path.join(dir, 'two.wav')], 'out/bank.json');
    assert.deepEqual(skipped, []);
    assert.deepEqual(bank.entries.map((e) => e.name), ['one', 'two']);
    const bytes = fs.readFileSync(path.join(dir, 'two.wav'));
    const e = bank.entries[1]!;
    assert.equal(e.source.file, 'two.wav');
    assert.equal(e.source.sha256, createHash('sha256').update(bytes).digest('hex'));
    assert.deepEqual(e.frames, extractDescriptors(decodeWav(bytes, 'two.wav').mono, 22050).frames);
    const rms = bank.entries.flatMap((x) => x.frames.map((f) => f[0]!));
    assert.equal(bank.descriptors[0]!.min, Math.min(...rms));
    assert.equal(bank.descriptors[0]!.max, Math.max(...rms));
    assert.equal(JSON.stringify(bank).includes('RIFF'), false);
  });

  it('lists and skips files that are not usable WAVs', async function () {
    const files = ['one.wav', 'notes.txt.wav', 'empty.wav', 'truncated.wav', 'tiny.wav', 'missing.wav'].map((f) => path.join(dir, f));
    const { bank, skipped } = await createBank({ id: 'mixed' }, files, 'out/bank.json');
    assert.deepEqual(bank.entries.map((e) => e.name), ['one']);
    assert.deepEqual(skipped.map((s) => path.basename(s.file)), ['notes.txt.wav', 'empty.wav', 'truncated.wav', 'tiny.wav', 'missing.wav']);
    for (const s of skipped) assert.ok(s.reason.includes(s.file), `reason names the file: ${s.reason}`);
  });

  it('fails when no file is usable, listing every one', async function () {
    const files = ['notes.txt.wav', 'empty.wav'].map((f) => path.join(dir, f));
    await assert.rejects(createBank({ id: 'none' }, files, 'out/bank.json'), (err: any) => {
      assert.equal(err.code, 'NR_BANK_NO_USABLE_SOURCES');
      assert.ok(err.message.includes('notes.txt.wav') && err.message.includes('empty.wav'));
      return true;
    });
  });

  it('keeps entry names unique when two files share a base name', async function () {
    fs.mkdirSync(path.join(dir, 'sub'), { recursive: true });
    fs.copyFileSync(path.join(dir, 'one.wav'), path.join(dir, 'sub', 'one.wav'));
    const { bank } = await createBank({ id: 'dupes' }, [path.join(dir, 'one.wav'), path.join(dir, 'sub', 'one.wav')], 'out/bank.json');
    assert.deepEqual(bank.entries.map((e) => e.name), ['one', 'one-2']);
  });

  it('refuses a bad id before anything is written', async function () {
    await assert.rejects(createBank({ id: 'Not A Slug' }, [path.join(dir, 'one.wav')], 'out/bank.json'), errorWith('NR_BANK_INVALID', '/id'));
  });
});
