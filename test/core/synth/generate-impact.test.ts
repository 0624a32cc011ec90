import assert from 'node:assert/strict';
import { extractDescriptors } from '../../../core/descriptors/extract';
import { pearson } from '../../../core/eval/pearson';
import { generateImpact } from '../../../core/synth/generate-impact';
import { DEFAULT_IMPACT_CATEGORIES, IMPACT_CATEGORIES, type ImpactCategory, type ImpactRecipe } from '../../../core/synth/impact-recipe';
import { encodeImpactWav } from '../../../core/synth/impact-wav';
import { makeImpactRecipe } from '../../../core/synth/recipes/make-recipe';

function bytes(x: Float32Array): Buffer {
  return Buffer.from(x.buffer, x.byteOffset, x.byteLength);
}

/** RMS-weighted mean of one descriptor column over the whole sound. */
function weighted(samples: Float32Array, column: number): number {
  const { frames } = extractDescriptors(samples, 22050);
  let num = 0;
  let den = 0;
  for (const f of frames) {
    num += f[0]! * f[column]!;
    den += f[0]!;
  }
  return num / den;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

const SEEDS = [11, 22, 33, 44, 55, 66, 77, 88];
function across(category: ImpactCategory, measure: (x: Float32Array) => number): number {
  return median(SEEDS.map((s) => measure(generateImpact(s, makeImpactRecipe(s, category)))));
}

/** Seconds until the frame RMS falls below 1 % of its peak for good. */
function decayTime(x: Float32Array): number {
  const { frames } = extractDescriptors(x, 22050);
  const peak = Math.max(...frames.map((f) => f[0]!));
  let last = 0;
  frames.forEach((f, t) => { if (f[0]! > 0.01 * peak) last = t; });
  return (last * 512) / 22050;
}

describe('generateImpact', function () {
  it('gives byte-identical samples for the same seed', function () {
    for (const seed of [0, 1, 123456, 0xffffffff]) {
      assert.ok(bytes(generateImpact(seed)).equals(bytes(generateImpact(seed))), `seed ${seed}`);
    }
  });

  it('gives different sounds for different seeds', function () {
    const seen = new Set<string>();
    for (let seed = 0; seed < 20; seed++) seen.add(bytes(generateImpact(seed)).toString('base64'));
    assert.equal(seen.size, 20);
  });

  it('draws every default category from seeds, and tail only when asked for by name', function () {
    const cats = new Set<string>();
    for (let seed = 0; seed < 200; seed++) cats.add(makeImpactRecipe(seed).category);
    assert.deepEqual([...cats].sort(), [...DEFAULT_IMPACT_CATEGORIES].sort());
    assert.deepEqual(IMPACT_CATEGORIES.filter((c) => !cats.has(c)), ['tail']);
    assert.equal(makeImpactRecipe(7, 'tail').category, 'tail');
  });

  it('writes finite samples peaking exactly at the recipe peak', function () {
    for (let seed = 100; seed < 114; seed++) {
      const recipe = makeImpactRecipe(seed);
      const x = generateImpact(seed, recipe);
      assert.equal(x.length, Math.round(recipe.durationS * 22050));
      let peak = 0;
      for (const v of x) {
        assert.ok(Number.isFinite(v));
        peak = Math.max(peak, Math.abs(v));
      }
      assert.ok(Math.abs(peak - recipe.peak) < 1e-6, `${recipe.category} peak ${peak} vs ${recipe.peak}`);
    }
  });

  it('encodes a 32-bit float mono WAV at 22050 Hz, identical bytes for identical samples', function () {
    const x = generateImpact(5);
    const wav = Buffer.from(encodeImpactWav(x));
    assert.equal(wav.toString('latin1', 0, 4), 'RIFF');
    assert.equal(wav.toString('latin1', 8, 12), 'WAVE');
    assert.equal(wav.readUInt16LE(20), 3, 'format tag 3 = IEEE float');
    assert.equal(wav.readUInt16LE(22), 1, 'mono');
    assert.equal(wav.readUInt32LE(24), 22050);
    assert.equal(wav.readUInt16LE(34), 32);
    assert.equal(wav.toString('latin1', 36, 40), 'data');
    assert.equal(wav.readUInt32LE(40), x.length * 4);
    assert.equal(wav.readUInt32LE(4), wav.length - 8);
    assert.equal(wav.readFloatLE(44 + 4 * 1000), x[1000]);
    assert.ok(wav.equals(Buffer.from(encodeImpactWav(generateImpact(5)))));
  });

  it('renders a single mode at its frequency and with its T60', function () {
    const recipe: ImpactRecipe = {
      generator: 'neurorack-impacts', version: 1, category: 'metal', variant: 'test', sampleRate: 22050, durationS: 1, peak: 0.5,
      layers: [{ kind: 'modal', startS: 0, attackS: 0, gain: 1, modes: [{ freqHz: 1000, t60S: 0.5, amp: 1 }] }],
      reverb: null,
    };
    const x = generateImpact(1, recipe);
    const env = (t: number): number => {
      let m = 0;
      for (let i = Math.round(t * 22050); i < Math.round(t * 22050) + 200; i++) m = Math.max(m, Math.abs(x[i]!));
      return m;
    };
    const dropDb = 20 * Math.log10(env(0.5) / env(0));
    assert.ok(Math.abs(dropDb + 60) < 1, `expected -60 dB after T60, got ${dropDb.toFixed(2)} dB`);
    // zero crossings over the first 0.2 s: 2 per period
    let crossings = 0;
    for (let i = 1; i < 4410; i++) if ((x[i - 1]! < 0) !== (x[i]! < 0)) crossings++;
    assert.ok(Math.abs(crossings / 2 / 0.2 - 1000) < 10, `expected ~1000 Hz, got ${crossings / 2 / 0.2}`);
  });

  it('refuses a recipe with impossible values, naming the field', function () {
    const recipe = makeImpactRecipe(3, 'wood');
    (recipe.layers[0] as { startS: number }).startS = Number.NaN;
    assert.throws(() => generateImpact(3, recipe), (err: any) => err.code === 'NR_SYNTH_RECIPE_INVALID' && err.location.pointer === '/layers/0/startS');
    const long = { ...makeImpactRecipe(3, 'wood'), durationS: 600 };
    assert.throws(() => generateImpact(3, long), (err: any) => err.code === 'NR_SYNTH_RECIPE_INVALID' && err.location.pointer === '/durationS');
  });

  describe('categories differ in their descriptors', function () {
    const centroid = (x: Float32Array): number => weighted(x, 5);
    it('booms are darker than wood, wood darker than glass', function () {
      const boom = across('boom', centroid);
      const wood = across('wood', centroid);
      const glass = across('glass', centroid);
      assert.ok(boom < 600, `boom centroid ${boom}`);
      assert.ok(glass > 2000, `glass centroid ${glass}`);
      assert.ok(boom < wood && wood < glass, `boom ${boom} < wood ${wood} < glass ${glass}`);
    });

    it('noise bursts and debris are noisier (flatter spectrum) than struck metal', function () {
      const flatness = (x: Float32Array): number => weighted(x, 3);
      const metal = across('metal', flatness);
      assert.ok(across('noise', flatness) > 5 * metal, 'noise vs metal flatness');
      assert.ok(across('debris', flatness) > 2 * metal, 'debris vs metal flatness');
    });

    it('metal and glass ring longer than wood', function () {
      const wood = across('wood', decayTime);
      assert.ok(across('metal', decayTime) > 1.5 * wood, 'metal vs wood decay');
      assert.ok(across('glass', decayTime) > 1.5 * wood, 'glass vs wood decay');
    });

    it('tails brighten as they decay, where booms darken: roll-off against loudness', function () {
      // Pearson correlation of log roll-off with log RMS over the frames above 1 % of the peak
      // RMS (the frames neurorack eval scores): negative when quieter frames are brighter.
      const coupling = (x: Float32Array): number => {
        const { frames } = extractDescriptors(x, 22050);
        const peak = Math.max(...frames.map((f) => f[0]!));
        const kept = frames.filter((f) => f[0]! > 0.01 * peak);
        return pearson(kept.map((f) => Math.log(f[0]!)), kept.map((f) => Math.log(f[2]! + 1e-3)));
      };
      const seeds = Array.from({ length: 24 }, (_, i) => (i + 1) * 7919);
      const couplings = (category: ImpactCategory): number[] => seeds.map((s) => coupling(generateImpact(s, makeImpactRecipe(s, category))));
      const tail = couplings('tail');
      const boom = couplings('boom');
      assert.ok(median(tail) < -0.3, `tail: median correlation ${median(tail).toFixed(2)}`);
      assert.ok(tail.filter((c) => c < 0).length >= 16, `tail: ${tail.filter((c) => c < 0).length} of 24 brighten`);
      assert.ok(median(boom) > 0.5, `boom: median correlation ${median(boom).toFixed(2)}`);
    });

    it('booms drop in pitch: the early zero-crossing rate is above the later one', function () {
      for (const seed of SEEDS.slice(0, 4)) {
        const recipe = makeImpactRecipe(seed, 'boom');
        recipe.layers = recipe.layers.filter((l) => l.kind === 'modal');
        recipe.reverb = null;
        const x = generateImpact(seed, recipe);
        const rate = (from: number, to: number): number => {
          let c = 0;
          for (let i = Math.round(from * 22050) + 1; i < Math.round(to * 22050); i++) if ((x[i - 1]! < 0) !== (x[i]! < 0)) c++;
          return c / (to - from);
        };
        assert.ok(rate(0, 0.05) > 1.3 * rate(0.6, 0.9), `seed ${seed}: ${rate(0, 0.05)} vs ${rate(0.6, 0.9)}`);
      }
    });
  });

  it('is fast: well under 100 ms per impact on one core', function () {
    const t0 = process.hrtime.bigint();
    let audio = 0;
    for (let seed = 500; seed < 540; seed++) audio += generateImpact(seed).length;
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    assert.ok(ms / 40 < 100, `${(ms / 40).toFixed(1)} ms per impact`);
    assert.ok(audio / 22050 / (ms / 1000) > 20, 'at least 20x faster than real time');
  });
});
