import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWavFile } from '../../../core/audio/wav-read';
import { readBank } from '../../../core/banks/bank-store';
import { paths } from '../../../core/paths';
import { runCli } from '../../helpers/run-cli';

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

  it('renders the curves `neurorack descriptors --json` printed', async () => {
    const printed = await runCli(['descriptors', join(dir, 'a.wav'), '--json']);
    assert.equal(printed.code, 0, printed.stderr);
    writeFileSync(join(dir, 'a.json'), printed.stdout);
    const res = await runCli(['render', '--model', 'sinc-nsf-impacts-v1', '--descriptors', join(dir, 'a.json'), '--out', join(dir, 'c.wav')]);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(readWavFile(join(dir, 'c.wav')).mono.length, JSON.parse(printed.stdout).frames.length * 512);
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
