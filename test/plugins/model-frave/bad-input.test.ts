import { strict as assert } from 'node:assert';
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NeurorackError } from '../../../core/errors/neurorack-error';
import { FraveModel } from '../../../plugins/model-frave/frave-model';
import { alteredCopy, freshTimbresDir } from './frave-helpers';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function refuses(dir: string, code: string, file: RegExp, pointer?: RegExp): Promise<void> {
  await assert.rejects(FraveModel.load(dir, { checkGolden: false }), (err: unknown) => {
    assert.ok(err instanceof NeurorackError, String(err));
    assert.equal(err.code, code, err.describe());
    assert.match(err.location.file ?? '', file, err.describe());
    if (pointer) assert.match(err.location.pointer ?? '', pointer, err.describe());
    return true;
  });
}

describe('model-frave: bad model folders and timbres', function () {
  this.timeout(60_000);
  let timbres: ReturnType<typeof freshTimbresDir>;
  before(() => { timbres = freshTimbresDir(); });
  after(() => timbres.restore());

  it('a state input the manifest pairs and the graph lacks is NR_MODEL_STATE_MISMATCH at that pair', async () => {
    const dir = alteredCopy((_d, m) => {
      (m['onnx']['inputs'] as Json[]).find((t) => t['name'] === 'state_in_3')!['name'] = 'state_in_99';
      (m['onnx']['state'] as Json[])[3]!['input'] = 'state_in_99';
    });
    await refuses(dir, 'NR_MODEL_STATE_MISMATCH', /decoder\.onnx$/, /^\/onnx\/state\/3\/input$/);
  });

  it('a state input of another shape than the graph\'s is NR_MODEL_STATE_MISMATCH', async () => {
    const dir = alteredCopy((_d, m) => {
      (m['onnx']['inputs'] as Json[]).find((t) => t['name'] === 'state_in_2')!['shape'] = [1, 128, 5];
      (m['onnx']['outputs'] as Json[]).find((t) => t['name'] === 'state_out_2')!['shape'] = [1, 128, 5];
    });
    await refuses(dir, 'NR_MODEL_STATE_MISMATCH', /decoder\.onnx$/, /^\/onnx\/state\/2$/);
  });

  it('a state pair whose input and output differ in shape, or that names no output, is refused from the manifest', async () => {
    const shape = alteredCopy((_d, m) => { (m['onnx']['outputs'] as Json[]).find((t) => t['name'] === 'state_out_1')!['shape'] = [1, 128, 3]; });
    await refuses(shape, 'NR_MODEL_STATE_MISMATCH', /manifest\.json$/, /^\/onnx\/state\/1$/);
    const unpaired = alteredCopy((_d, m) => { (m['encoder']['state'] as Json[])[0]!['output'] = 'nothing'; });
    await refuses(unpaired, 'NR_MODEL_STATE_MISMATCH', /manifest\.json$/, /^\/encoder\/state\/0\/output$/);
  });

  it('a graph section without state pairs is NR_MODEL_STATE_MISMATCH at its state, the encoder\'s as the decoder\'s', async () => {
    const decoder = alteredCopy((_d, m) => { delete m['onnx']['state']; });
    await refuses(decoder, 'NR_MODEL_STATE_MISMATCH', /manifest\.json$/, /^\/onnx\/state$/);
    const encoder = alteredCopy((_d, m) => { delete m['encoder']['state']; });
    await refuses(encoder, 'NR_MODEL_STATE_MISMATCH', /manifest\.json$/, /^\/encoder\/state$/);
  });

  it('golden.calls that are not whole frame counts are refused by the schema', async () => {
    const dir = alteredCopy((_d, m) => { m['golden']['calls'] = [2, 'four']; });
    await refuses(dir, 'NR_SCHEMA_INVALID', /manifest\.json$/, /^\/golden\/calls/);
  });

  it('a missing file is NR_FILE_NOT_FOUND, an altered one NR_MODEL_HASH_MISMATCH, each at its files entry', async () => {
    const missing = alteredCopy((d) => rmSync(join(d, 'encoder.onnx')));
    await refuses(missing, 'NR_FILE_NOT_FOUND', /encoder\.onnx$/, /^\/files\/1\/path$/);
    const altered = alteredCopy((d) => appendFileSync(join(d, 'timbres', 'wood.json'), ' '));
    await refuses(altered, 'NR_MODEL_HASH_MISMATCH', /wood\.json$/, /^\/files\/\d+$/);
  });

  it('a timbre that is not a neurorack-timbre, or of the wrong width, is NR_TIMBRE_INVALID naming it (even with its hash updated)', async () => {
    const notTimbre = alteredCopy((d) => {
      const doc = JSON.parse(readFileSync(join(d, 'timbres', 'wood.json'), 'utf8')) as Json;
      writeFileSync(join(d, 'timbres', 'wood.json'), JSON.stringify({ ...doc, format: 'something-else' }));
    }, ['timbres/wood.json']);
    await refuses(notTimbre, 'NR_TIMBRE_INVALID', /wood\.json$/, /^\/format$/);
    const narrow = alteredCopy((d) => {
      const doc = JSON.parse(readFileSync(join(d, 'timbres', 'glass.json'), 'utf8')) as Json;
      writeFileSync(join(d, 'timbres', 'glass.json'), JSON.stringify({ ...doc, latent: (doc['latent'] as number[][]).map((r) => r.slice(0, 7)) }));
    }, ['timbres/glass.json']);
    await refuses(narrow, 'NR_TIMBRE_INVALID', /glass\.json$/, /^\/latent\/0$/);
  });

  it('a bad user timbre is left out with its error, and the model still loads', async () => {
    const dir = join(timbres.dir, 'frave-impacts-v1');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'wide.json'), JSON.stringify({ format: 'neurorack-timbre', version: 1, name: 'wide', source: 't', frames: 1, latent: [new Array(9).fill(0)] }));
    writeFileSync(join(dir, 'ok.json'), JSON.stringify({ format: 'neurorack-timbre', version: 1, name: 'ok', source: 't', frames: 1, latent: [new Array(8).fill(0)] }));
    const { SHIPPED } = await import('./frave-helpers');
    const model = await FraveModel.load(SHIPPED, { checkGolden: false });
    try {
      assert.ok(model.timbres.some((t) => t.name === 'ok'));
      assert.ok(!model.timbres.some((t) => t.name === 'wide'));
      assert.equal(model.refusedTimbres.length, 1);
      assert.equal(model.refusedTimbres[0]!.code, 'NR_TIMBRE_INVALID');
      assert.match(model.refusedTimbres[0]!.location.file ?? '', /wide\.json$/);
    } finally {
      await model.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a golden vector the weights do not reproduce is NR_MODEL_GOLDEN_MISMATCH at the sample', async () => {
    const dir = alteredCopy((d) => {
      const g = JSON.parse(readFileSync(join(d, 'golden.json'), 'utf8')) as Json;
      (g['audio'] as number[])[700] += 0.01;
      writeFileSync(join(d, 'golden.json'), JSON.stringify(g));
    }, ['golden.json']);
    await assert.rejects(FraveModel.load(dir), (err: unknown) => {
      assert.ok(err instanceof NeurorackError);
      assert.equal(err.code, 'NR_MODEL_GOLDEN_MISMATCH', err.describe());
      assert.equal(err.location.pointer, '/audio/700');
      return true;
    });
  });
});
