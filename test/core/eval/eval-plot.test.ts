import { strict as assert } from 'node:assert';
import { loadImage, createCanvas } from 'canvas';
import { DESCRIPTOR_ORDER } from '../../../core/descriptors';
import { NeurorackError } from '../../../core/errors/neurorack-error';
import { drawEvalPlot, logPairs, PLOT_COLOURS, scorePairs, type EvalSound, type PlotSeries, type SoundScore } from '../../../core/eval';

const ROLLOFF = DESCRIPTOR_ORDER.indexOf('rolloff');

/** Frames with a steady level and every descriptor at `value`, except roll-off at `rolloff`. */
function frames(count: number, rolloff: number): number[][] {
  return Array.from({ length: count }, (_, t) => DESCRIPTOR_ORDER.map((_, j) => (j === 0 ? 0.1 * (1 + 0.001 * t) : j === ROLLOFF ? rolloff * (1 + 0.001 * t) : 500)));
}

function sound(file: string, asked: number[][]): EvalSound {
  return { file, samples: new Float32Array(asked.length * 512), frames: asked };
}

function series(label: string, asked: number[][][], obtained: number[][][]): PlotSeries {
  const scores: SoundScore[] = asked.map((a, i) => ({ file: `s${i}`, frames: a.length, descriptors: scorePairs(logPairs(a, obtained[i]!)), spectralDistance: 0 }));
  return { label, obtained, scores };
}

async function pixels(png: Buffer): Promise<{ width: number; height: number; at: (x: number, y: number) => [number, number, number] }> {
  const img = await loadImage(png);
  const c = createCanvas(img.width, img.height);
  const g = c.getContext('2d');
  g.drawImage(img, 0, 0);
  const data = g.getImageData(0, 0, img.width, img.height).data;
  return { width: img.width, height: img.height, at: (x, y) => [data[(y * img.width + x) * 4]!, data[(y * img.width + x) * 4 + 1]!, data[(y * img.width + x) * 4 + 2]!] };
}

function rgb(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** Mean row of the pixels within a box that are within `tol` of `colour`, or NaN when none is. */
function meanRowOf(p: Awaited<ReturnType<typeof pixels>>, colour: string, x0: number, x1: number, y0: number, y1: number, tol = 40): number {
  const [r, g, b] = rgb(colour);
  let sum = 0;
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const [pr, pg, pb] = p.at(x, y);
      if (Math.abs(pr - r) + Math.abs(pg - g) + Math.abs(pb - b) < tol) {
        sum += y;
        n++;
      }
    }
  }
  return n ? sum / n : NaN;
}

describe('eval plot', () => {
  it('draws each series where its values lie: a render brighter than asked sits above the asked curve', async () => {
    const asked = [frames(80, 1000), frames(40, 3000)];
    const brighter = asked.map((a) => a.map((f) => f.map((v, j) => (j === ROLLOFF ? v * 4 : v))));
    const png = drawEvalPlot(asked.map((a, i) => sound(`sound-${i}.wav`, a)), [series('model', asked, brighter)], ['rms', 'rolloff']);
    const p = await pixels(png);
    assert.deepEqual([p.width, p.height], [132 + 2 * 238 + 8, 58 + 2 * 112 + 8]);
    // the roll-off panel of the first sound is x 370..600, y 58..162; its correlation label covers the top left
    const askedRow = meanRowOf(p, PLOT_COLOURS.asked, 500, 595, 58, 58 + 104);
    const modelRow = meanRowOf(p, PLOT_COLOURS.series[0], 500, 595, 58, 58 + 104);
    assert.ok(Number.isFinite(askedRow) && Number.isFinite(modelRow), `expected both curves in the panel, rows ${askedRow} and ${modelRow}`);
    assert.ok(modelRow < askedRow - 20, `expected the brighter render above the asked curve, rows ${modelRow} vs ${askedRow}`);
    // a second series colour only appears when there is a second series
    assert.ok(Number.isNaN(meanRowOf(p, PLOT_COLOURS.series[1], 132, p.width, 58, p.height)));
  });

  it('draws the second series (the original checkpoint) in its own colour', async () => {
    const asked = [frames(60, 2000)];
    const scaled = (k: number) => asked.map((a) => a.map((f) => f.map((v, j) => (j === ROLLOFF ? v * k : v))));
    const png = drawEvalPlot([sound('a.wav', asked[0]!)], [series('model', asked, scaled(2)), series('original checkpoint', asked, scaled(1 / 4))], ['rolloff']);
    const p = await pixels(png);
    const askedRow = meanRowOf(p, PLOT_COLOURS.asked, 262, 357, 58, 58 + 104);
    const originalRow = meanRowOf(p, PLOT_COLOURS.series[1], 262, 357, 58, 58 + 104);
    assert.ok(originalRow > askedRow + 20, `expected the darker render below the asked curve, rows ${originalRow} vs ${askedRow}`);
  });

  it('refuses what it cannot draw with NR_USAGE', () => {
    const asked = [frames(10, 1000)];
    const isUsage = (e: unknown) => e instanceof NeurorackError && e.code === 'NR_USAGE';
    assert.throws(() => drawEvalPlot([], [series('m', [], [])]), isUsage);
    assert.throws(() => drawEvalPlot([sound('a.wav', asked[0]!)], []), isUsage);
    assert.throws(() => drawEvalPlot([sound('a.wav', asked[0]!), sound('b.wav', asked[0]!)], [series('m', asked, asked)]), (e: unknown) => isUsage(e) && /expected 2 renders/.test((e as Error).message));
  });
});
