import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { paths } from '../../../core/paths';
import { packDescriptors } from '../../../core/model-runtime/descriptor-input';
import { modelSizes } from '../../../plugins/model-sinc-nsf/graph-runner';
import { SincNsfModel } from '../../../plugins/model-sinc-nsf/sinc-nsf-model';
import { StreamRenderer } from '../../../plugins/model-sinc-nsf/stream-renderer';
import { impactCurve, maxAbsDiff } from './render-helpers';

const SHIPPED = join(paths.models, 'sinc-nsf-impacts-v1');

/**
 * The shipped manifest's effective receptive field is what streaming renders use: with it, blocks
 * must still equal the offline render within its stated tolerance, and it must not be padded (a
 * frame less on the right, or two on the left, breaks the tolerance). Likewise the filters' own
 * sample window, which streams run them on.
 */
describe('model-sinc-nsf: the effective receptive field of the shipped model', function () {
  this.timeout(120_000);
  let model: SincNsfModel;
  before(async () => { model = await SincNsfModel.load(SHIPPED); });
  after(async () => { await model?.dispose(); });

  /**
   * Largest difference between a stream in 4-frame blocks with this context (and this context for
   * the filters' sample window, default the manifest's) and render(), over three curves.
   */
  async function streamingError(left: number, right: number, samples?: { left: number; right: number }): Promise<number> {
    const sizes = modelSizes(model.manifest);
    const sampleWindow = samples && sizes.sampleWindow ? { ...sizes.sampleWindow, ...samples } : sizes.sampleWindow;
    const runner = { ...sizes, leftFrames: left, rightFrames: right, sampleWindow, run: model.run.bind(model) };
    let worst = 0;
    for (const seed of [11, 12, 13]) {
      const frames = 50;
      const curve = impactCurve(model.manifest.normalisation.mean, frames, seed);
      const stream = new StreamRenderer(runner, seed, { blockFrames: 4 });
      stream.pushPacked(packDescriptors(curve, model.width), frames);
      stream.end();
      const out = new Float32Array(frames * model.hop);
      for (let at = 0; !stream.done;) at += await stream.pullInto(out, at, 4);
      worst = Math.max(worst, maxAbsDiff(out, await model.render(curve, seed)));
    }
    return worst;
  }

  it('is declared, inside the structural field, and the streaming context is it', () => {
    const field = model.manifest.onnx.receptive_field!;
    assert.ok(field.effective, 'the shipped manifest states an effective field');
    assert.ok(field.effective.left_frames <= field.left_frames! && field.effective.right_frames <= field.right_frames!);
    assert.equal(model.leftFrames, field.effective.left_frames);
    assert.equal(model.rightFrames, field.effective.right_frames);
  });

  it('keeps streamed blocks within its tolerance of the offline render, and is not padded', async () => {
    const { left_frames: left, right_frames: right, tolerance } = model.manifest.onnx.receptive_field!.effective!;
    const within = await streamingError(left, right);
    assert.ok(within <= tolerance, `with ${left}/${right} frames: ${within} > ${tolerance}`);
    const shortRight = await streamingError(left, right - 1);
    assert.ok(shortRight > tolerance, `a frame less on the right still keeps ${shortRight} <= ${tolerance}: the stated field is padded`);
    const shortLeft = await streamingError(left - 2, right);
    assert.ok(shortLeft > tolerance, `two frames less on the left still keep ${shortLeft} <= ${tolerance}: the stated field is padded`);
  });

  it('runs the filters on their own sample window, within the same tolerance, and that window is not padded', async () => {
    const field = model.manifest.onnx.receptive_field!;
    const window = field.sample_window?.effective;
    assert.ok(window, 'the shipped manifest states an effective sample window');
    assert.deepEqual({ left: model.sampleWindow!.left, right: model.sampleWindow!.right }, { left: window.left_frames, right: window.right_frames });
    assert.ok(window.left_frames < field.effective!.left_frames && window.right_frames < field.effective!.right_frames, 'narrower than the conditioning\'s field');
    const { left_frames: left, right_frames: right, tolerance } = field.effective!;
    const within = await streamingError(left, right);
    assert.ok(within <= tolerance, `with the filters on ${window.left_frames}/${window.right_frames}: ${within} > ${tolerance}`);
    const shortLeft = await streamingError(left, right, { left: window.left_frames - 1, right: window.right_frames });
    assert.ok(shortLeft > tolerance, `a frame less on the filters' left still keeps ${shortLeft} <= ${tolerance}: the stated window is padded`);
    const shortRight = await streamingError(left, right, { left: window.left_frames, right: window.right_frames - 1 });
    assert.ok(shortRight > tolerance, `a frame less on the filters' right still keeps ${shortRight} <= ${tolerance}: the stated window is padded`);
  });
});
