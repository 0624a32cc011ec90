import { strict as assert } from 'node:assert';
import { NoiseStream } from '../../../plugins/model-sinc-nsf/noise-stream';

/** The contract's order of draws, one normal() at a time. */
function drawOneByOne(seed: number, samples: number, sines: number): { harmonic: Float32Array; excitation: Float32Array } {
  const noise = new NoiseStream(seed);
  noise.drawPhase(new Float32Array(sines));
  const harmonic = new Float32Array(samples * sines);
  const excitation = new Float32Array(samples);
  for (let i = 0; i < samples; i++) {
    for (let s = 0; s < sines; s++) harmonic[i * sines + s] = noise.normal();
    excitation[i] = noise.normal();
  }
  return { harmonic, excitation };
}

function drawInChunks(seed: number, samples: number, sines: number, chunk: number): { harmonic: Float32Array; excitation: Float32Array } {
  const noise = new NoiseStream(seed);
  noise.drawPhase(new Float32Array(sines));
  const harmonic = new Float32Array(samples * sines);
  const excitation = new Float32Array(samples);
  for (let i = 0; i < samples; i += chunk) {
    noise.drawSamples(harmonic, i * sines, excitation, i, Math.min(chunk, samples - i), sines);
  }
  return { harmonic, excitation };
}

describe('model-sinc-nsf: NoiseStream', () => {
  for (const sines of [17, 4]) {
    it(`drawSamples gives the normals of the contract's order, in one call or frame by frame (${sines} sines)`, () => {
      const ref = drawOneByOne(11, 1500, sines);
      for (const chunk of [1500, 512, 7]) {
        const got = drawInChunks(11, 1500, sines, chunk);
        assert.deepEqual(got.harmonic, ref.harmonic, `chunks of ${chunk}`);
        assert.deepEqual(got.excitation, ref.excitation, `chunks of ${chunk}`);
      }
    });
  }

  for (const sines of [17, 4]) {
    it(`skipSamples leaves the stream where drawing the samples would (${sines} sines${sines % 2 ? ': a jump' : ': drawn and dropped'})`, () => {
      const ref = drawOneByOne(23, 3000, sines);
      for (const [skip, draw] of [[0, 10], [1, 5], [1000, 700], [2999, 1]] as const) {
        const noise = new NoiseStream(23);
        noise.drawPhase(new Float32Array(sines));
        noise.skipSamples(skip, sines);
        const harmonic = new Float32Array(draw * sines);
        const excitation = new Float32Array(draw);
        noise.drawSamples(harmonic, 0, excitation, 0, draw, sines);
        assert.deepEqual(harmonic, ref.harmonic.subarray(skip * sines, (skip + draw) * sines), `skip ${skip}`);
        assert.deepEqual(excitation, ref.excitation.subarray(skip, skip + draw), `skip ${skip}`);
      }
    });
  }

  it('draws standard normals', () => {
    const { harmonic } = drawInChunks(3, 20_000, 17, 20_000);
    let sum = 0; let sq = 0;
    for (const v of harmonic) { sum += v; sq += v * v; }
    const mean = sum / harmonic.length;
    assert.ok(Math.abs(mean) < 0.01, `mean ${mean}`);
    assert.ok(Math.abs(sq / harmonic.length - mean * mean - 1) < 0.01, `variance ${sq / harmonic.length}`);
  });
});
