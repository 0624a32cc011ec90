import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WaveFile } from 'wavefile';
import { packageRoot } from '../../../core/paths';

const script = join(packageRoot, 'scripts', 'arm64', 'compare-wav.js');
const dir = mkdtempSync(join(tmpdir(), 'nr-cmpwav-'));

function wav(name: string, samples: Float32Array, rate = 48000): string {
  const w = new WaveFile();
  w.fromScratch(1, rate, '32f', samples);
  const file = join(dir, name);
  writeFileSync(file, w.toBuffer());
  return file;
}
function compare(a: string, b: string, tolerance?: string) {
  const r = spawnSync(process.execPath, [script, a, b, ...(tolerance ? ['--tolerance', tolerance] : [])], { encoding: 'utf8' });
  return { code: r.status, report: JSON.parse(r.stdout) as Record<string, unknown> };
}

describe('scripts/arm64/compare-wav.js (the arm64 check\'s x86-64 comparison)', function () {
  this.timeout(30_000);
  const tone = Float32Array.from({ length: 4800 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / 48000));
  const ref = wav('ref.wav', tone);

  it('passes the same audio with a difference of 0', () => {
    const r = compare(ref, wav('same.wav', tone));
    assert.equal(r.code, 0);
    assert.equal(r.report['maxAbsDiff'], 0);
  });

  it('passes a difference within the tolerance and fails one sample beyond it, saying by how much', () => {
    const near = tone.slice();
    near[100]! += 5e-4;
    assert.equal(compare(ref, wav('near.wav', near)).code, 0);
    const far = tone.slice();
    far[100]! += 2e-3;
    const r = compare(ref, wav('far.wav', far));
    assert.equal(r.code, 1);
    assert.ok(Math.abs((r.report['maxAbsDiff'] as number) - 2e-3) < 1e-6);
    assert.equal(compare(ref, wav('far2.wav', far), '5e-3').code, 0, '--tolerance widens it');
  });

  it('fails different lengths or rates, and a silent reference', () => {
    assert.match(String(compare(ref, wav('short.wav', tone.slice(0, 4000))).report['mismatch']), /4800.*4000/);
    assert.equal(compare(ref, wav('rate.wav', tone, 44100)).code, 1);
    const silent = wav('silent.wav', new Float32Array(4800));
    const r = compare(silent, silent);
    assert.equal(r.code, 1);
    assert.match(String(r.report['mismatch']), /silent/);
  });
});
