import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { WaveFile } from 'wavefile';
import { main } from '../../../../core/cli/main';
import { paths } from '../../../../core/paths';
import { DESCRIPTOR_ORDER } from '../../../../core/descriptors/descriptor-matrix';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(args, { stdout, stderr, cwd });
  return { code, out: stdout.text, err: stderr.text };
}

describe('neurorack descriptors', function () {
  let dir: string;
  before(function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'neurorack-cli-desc-'));
    const wav = new WaveFile();
    // 1 s of a 441 Hz sine at 44100 Hz, stereo 16-bit: exercises mixdown and resampling
    const ch = Array.from({ length: 44100 }, (_, i) => Math.round(16384 * Math.sin((2 * Math.PI * 441 * i) / 44100)));
    wav.fromScratch(2, 44100, '16', [ch, ch]);
    fs.writeFileSync(path.join(dir, 'sine.wav'), wav.toBuffer());
    fs.writeFileSync(path.join(dir, 'text.wav'), 'not audio');
  });
  after(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('--json prints sample_rate, hop_length, descriptor_order and the frames', async function () {
    const { code, out, err } = await run(['descriptors', 'sine.wav', '--json'], dir);
    assert.equal(code, 0, err);
    assert.ok(out.startsWith('{"sample_rate": 22050, "hop_length": 512, "descriptor_order": ['), out.slice(0, 120));
    const doc = JSON.parse(out) as Record<string, unknown>;
    assert.deepEqual(Object.keys(doc), ['sample_rate', 'hop_length', 'descriptor_order', 'frames']);
    assert.equal(doc.sample_rate, 22050);
    assert.equal(doc.hop_length, 512);
    assert.deepEqual(doc.descriptor_order, [...DESCRIPTOR_ORDER]);
    const frames = doc.frames as number[][];
    assert.equal(frames.length, Math.floor(22050 / 512));
    for (const row of frames) {
      assert.equal(row.length, 7);
      for (const v of row) assert.equal(typeof v, 'number');
    }
    const f0 = frames[20][6];
    assert.ok(Math.abs(f0 - 441) < 0.5, `f0 ${f0}`);
    assert.ok(Math.abs(frames[20][0] - 0.5 / Math.SQRT2) < 2e-3, `rms ${frames[20][0]}`);
  });

  it('without --json prints a summary with the frame count and each descriptor', async function () {
    const { code, out } = await run(['descriptors', path.join(dir, 'sine.wav')], dir);
    assert.equal(code, 0);
    assert.match(out, /43 frames/);
    assert.match(out, /1\.000 s, 44100 Hz, 2 channel\(s\) \(resampled to 22050 Hz\)/);
    for (const name of [...DESCRIPTOR_ORDER]) assert.match(out, new RegExp(`^${name} `, 'm'));
    assert.match(out, /min\s+median\s+max/);
  });

  it('matches the reference for a shared fixture', async function () {
    const fixture = path.join(paths.sharedFixtures, 'descriptors', 'impact-05');
    if (!fs.existsSync(`${fixture}.json`)) this.skip();
    const { code, out } = await run(['descriptors', `${fixture}.wav`, '--json'], dir);
    assert.equal(code, 0);
    const frames = (JSON.parse(out) as { frames: number[][] }).frames;
    const ref = (JSON.parse(fs.readFileSync(`${fixture}.json`, 'utf8')) as { neurorack: number[][] }).neurorack;
    assert.equal(frames.length, ref.length);
    assert.ok(Math.abs(frames[100][5] - ref[100][5]) / ref[100][5] < 1e-4);
  });

  it('exits 2 with a catalogue code for a missing file, a non-WAV and a missing argument', async function () {
    const missing = await run(['descriptors', 'nope.wav'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /NR_FILE_NOT_FOUND: .*nope\.wav/);
    const text = await run(['descriptors', 'text.wav', '--json'], dir);
    assert.equal(text.code, 2);
    assert.match(text.err, /NR_WAV_INVALID: .*text\.wav: not a WAV file/);
    assert.equal(text.out, '');
    assert.equal((await run(['descriptors'], dir)).code, 2);
  });
});
