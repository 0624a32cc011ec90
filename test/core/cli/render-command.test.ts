import { strict as assert } from 'node:assert';
import { chmodSync, closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWavFile } from '../../../core/audio/wav-read';
import { readBank } from '../../../core/banks/bank-store';
import { paths } from '../../../core/paths';
import { runCli } from '../../helpers/run-cli';
import { DESCRIPTOR_ORDER } from '../../../core/descriptors/descriptor-matrix';
import { MAX_RENDER_SECONDS } from '../../../core/audio/render-budget';

describe('neurorack render', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'nr-render-'));

  it('renders a bank entry (by name or index) to a WAV of frames x hop samples, the same for the same seed', async () => {
    const { bank } = await readBank(join(paths.descriptorBanks, 'wood-and-skins'));
    const entry = bank.entries[3]!;
    const byName = await runCli(['render', '--model', 'sinc-nsf-impacts-v1', '--bank', 'wood-and-skins', '--entry', entry.name, '--seed', '7', '--out', join(dir, 'a.wav')]);
    assert.equal(byName.code, 0, byName.stderr);
    const byIndex = await runCli(['render', '--model', 'sinc-nsf-impacts-v1', '--bank', join(paths.descriptorBanks, 'wood-and-skins'), '--entry', '3', '--seed', '7', '--out', join(dir, 'b.wav')]);
    assert.equal(byIndex.code, 0, byIndex.stderr);
    const a = readWavFile(join(dir, 'a.wav'));
    assert.equal(a.sampleRate, 22050);
    assert.equal(a.mono.length, entry.frames.length * 512);
    assert.deepEqual(readFileSync(join(dir, 'a.wav')), readFileSync(join(dir, 'b.wav')));
  });

  it("renders with the rack's default model when --model is left out (issue #25 point 10)", async () => {
    const res = await runCli(['render', '--bank', 'wood-and-skins', '--entry', '3', '--seed', '7', '--out', join(dir, 'default.wav')]);
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual(readFileSync(join(dir, 'default.wav')), readFileSync(join(dir, 'a.wav')), 'the virtual rack names sinc-nsf-impacts-v1');
    const rack = join(dir, 'no-such-model.rack.json');
    writeFileSync(rack, JSON.stringify({ ...JSON.parse(readFileSync(join(paths.profiles, 'virtual.rack.json'), 'utf8')), model: { default: 'no-such-model' } }));
    const named = await runCli(['render', '--rack', rack, '--bank', 'wood-and-skins', '--entry', '3', '--out', join(dir, 'none.wav')]);
    assert.equal(named.code, 2, named.stderr);
    assert.match(named.stderr, /NR_FILE_NOT_FOUND: .*'no-such-model'/);
  });

  it('renders the curves `neurorack descriptors --json` printed', async () => {
    const printed = await runCli(['descriptors', join(dir, 'a.wav'), '--json']);
    assert.equal(printed.code, 0, printed.stderr);
    writeFileSync(join(dir, 'a.json'), printed.stdout);
    const res = await runCli(['render', '--model', 'sinc-nsf-impacts-v1', '--descriptors', join(dir, 'a.json'), '--out', join(dir, 'c.wav')]);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(readWavFile(join(dir, 'c.wav')).mono.length, JSON.parse(printed.stdout).frames.length * 512);
  });

  const curves = (frames: number[][]) => JSON.stringify({ sample_rate: 22050, hop_length: 512, descriptor_order: [...DESCRIPTOR_ORDER], frames });

  it('keeps a hot render under full scale with the live safety limiter, removes its DC and says so (issue #25)', async () => {
    // One frame at the edge of the shipped banks' ranges: the raw render peaks near +4 dBFS with a DC of -0.42.
    writeFileSync(join(dir, 'hot.json'), curves([[0.34, 0.5, 9000, 1, 3500, 6000, 5512]]));
    const res = await runCli(['render', '--model', 'sinc-nsf-impacts-v1', '--descriptors', join(dir, 'hot.json'), '--out', join(dir, 'hot.wav')]);
    assert.equal(res.code, 0, res.stderr);
    const { mono } = readWavFile(join(dir, 'hot.wav'));
    let peak = 0;
    let sum = 0;
    for (const x of mono) {
      peak = Math.max(peak, Math.abs(x));
      sum += x;
    }
    assert.ok(peak <= 0.98 + 1e-6, `peak ${peak} is under full scale`);
    assert.ok(Math.abs(sum / mono.length) < 0.02, `DC ${sum / mono.length} removed`);
    assert.match(res.stderr, /warning: removed a DC offset of/);
    assert.match(res.stderr, /warning: the render peaked at \+[0-9.]+ dBFS; the live output's safety limiter .* turned \d+ samples down/);
  });

  it('refuses a render that is not finite with NR_AUDIO_NOT_FINITE, naming the curves file, and writes nothing', async () => {
    writeFileSync(join(dir, 'nan.json'), curves([[1e39, 0.1, 3000, 0.01, 1000, 1500, 100], [1e39, 0.1, 3000, 0.01, 1000, 1500, 100]]));
    const res = await runCli(['render', '--model', 'sinc-nsf-impacts-v1', '--descriptors', join(dir, 'nan.json'), '--out', join(dir, 'nan.wav')]);
    assert.equal(res.code, 2);
    assert.match(res.stderr, /NR_AUDIO_NOT_FINITE: .*nan\.json: the model rendered \d+ NaN or infinite samples/);
    assert.equal(existsSync(join(dir, 'nan.wav')), false);
  });

  it('writes its WAV atomically (issue #27): a reader of the old file sees it whole, the mode and a symlink are kept, no temporary file stays', async () => {
    const target = join(dir, 'kept.wav');
    writeFileSync(target, 'the old take');
    chmodSync(target, 0o600);
    symlinkSync(target, join(dir, 'link.wav'));
    const before = statSync(target).ino;
    const reader = openSync(target, 'r');
    try {
      const res = await runCli(['render', '--model', 'sinc-nsf-impacts-v1', '--bank', 'wood-and-skins', '--entry', '3', '--out', join(dir, 'link.wav')]);
      assert.equal(res.code, 0, res.stderr);
      const old = Buffer.alloc(64);
      assert.equal(old.subarray(0, readSync(reader, old, 0, 64, 0)).toString(), 'the old take', 'the file open before the render was replaced, not rewritten in place');
    } finally {
      closeSync(reader);
    }
    assert.notEqual(statSync(target).ino, before);
    assert.equal(statSync(target).mode & 0o777, 0o600);
    assert.equal(readWavFile(join(dir, 'link.wav')).sampleRate, 22050);
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
  });

  it('refuses a curve longer than 10 minutes (NR_RENDER_TOO_LONG, issue #27) at once, before any model runs, and writes nothing', async () => {
    // 200,000 frames used to be rendered, the process growing until the kernel killed it at 23 GB.
    const { bank } = await readBank(join(paths.descriptorBanks, 'wood-and-skins'));
    const row = bank.entries[3]!.frames[0]!;
    const frames = Array.from({ length: MAX_RENDER_SECONDS * 44 }, () => row);
    writeFileSync(join(dir, 'long.json'), curves(frames));
    const started = performance.now();
    const res = await runCli(['render', '--model', 'sinc-nsf-impacts-v1', '--descriptors', join(dir, 'long.json'), '--out', join(dir, 'long.wav')]);
    assert.equal(res.code, 2, res.stderr);
    assert.match(res.stderr, new RegExp(`NR_RENDER_TOO_LONG: .*the curve has ${frames.length} frames .*expected at most 25839 \\(600 s\\)`));
    assert.ok(performance.now() - started < 20_000, 'refused before rendering');
    assert.equal(existsSync(join(dir, 'long.wav')), false);
  });

  it('refuses a descriptors file that is not a regular file (/dev/zero) at once, without reading it', async () => {
    symlinkSync('/dev/zero', join(dir, 'zero.json'));
    const res = await runCli(['render', '--model', 'sinc-nsf-impacts-v1', '--descriptors', join(dir, 'zero.json'), '--out', join(dir, 'zero.wav')]);
    assert.equal(res.code, 2, res.stderr);
    assert.match(res.stderr, /NR_FILE_NOT_REGULAR: .*expected the descriptors JSON to be a regular file, found a character device/);
    assert.equal(existsSync(join(dir, 'zero.wav')), false);
  });

  for (const [what, args] of [
    ['neither --descriptors nor --bank/--entry', []],
    ['both --descriptors and --bank/--entry', ['--descriptors', 'x.json', '--bank', 'wood-and-skins', '--entry', '0']],
    ['an entry the bank does not have', ['--bank', 'wood-and-skins', '--entry', 'no-such-entry']],
    ['a bank that does not exist', ['--bank', 'no-such-bank', '--entry', '0']],
  ] as const) {
    it(`refuses ${what} with exit 2 and writes nothing`, async () => {
      const out = join(dir, `bad-${what.length}.wav`);
      const res = await runCli(['render', '--model', 'sinc-nsf-impacts-v1', ...args, '--out', out], dir);
      assert.equal(res.code, 2, res.stderr);
      assert.ok(res.stderr.trim().length > 0);
      assert.equal(existsSync(out), false);
    });
  }
});
