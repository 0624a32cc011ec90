import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importedModelDir, skipReason } from './fixture-model';
import { NeurorackError } from '../../../core/errors/neurorack-error';
import { SincNsfModel } from '../../../plugins/model-sinc-nsf/sinc-nsf-model';
import { importNeurorackCheckpoint } from '../../../plugins/model-sinc-nsf/import-checkpoint';

async function rejectsWith(p: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof NeurorackError, `expected a NeurorackError, got ${String(err)}`);
    assert.equal(err.code, code, err.describe());
    return true;
  });
}

/** Rewrites manifest.json with the file entry of `path` updated to the file's current hash. */
function rehash(dir: string, path: string): void {
  const file = join(dir, 'manifest.json');
  const m = JSON.parse(readFileSync(file, 'utf8')) as { files: { path: string; sha256: string; bytes: number }[] };
  const bytes = readFileSync(join(dir, path));
  const entry = m.files.find((f) => f.path === path)!;
  entry.sha256 = createHash('sha256').update(bytes).digest('hex');
  entry.bytes = bytes.length;
  writeFileSync(file, JSON.stringify(m));
}

describe('model-sinc-nsf: bad input', function () {
  this.timeout(300_000);
  let source: string;
  let work: string;
  let model: SincNsfModel;

  before(async function () {
    const why = skipReason();
    if (why) { console.log(`    skipped: ${why}`); this.skip(); }
    source = await importedModelDir();
    model = await SincNsfModel.load(source);
  });
  after(async () => { await model?.dispose(); });
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'nr-sinc-bad-'));
    cpSync(source, work, { recursive: true });
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('a file whose sha256 differs from the manifest: NR_MODEL_HASH_MISMATCH', async () => {
    const f = join(work, 'model.onnx');
    const b = readFileSync(f); b[b.length - 10] ^= 0xff; writeFileSync(f, b);
    await rejectsWith(SincNsfModel.load(work), 'NR_MODEL_HASH_MISMATCH');
  });

  it('a truncated ONNX file (hash updated): NR_MODEL_FILE_CORRUPT', async () => {
    truncateSync(join(work, 'model.onnx'), 100_000);
    rehash(work, 'model.onnx');
    await rejectsWith(SincNsfModel.load(work), 'NR_MODEL_FILE_CORRUPT');
  });

  it('a corrupted ONNX file (garbage, hash updated): NR_MODEL_FILE_CORRUPT', async () => {
    writeFileSync(join(work, 'model.onnx'), Buffer.from('not an onnx model at all'.repeat(100)));
    rehash(work, 'model.onnx');
    await rejectsWith(SincNsfModel.load(work), 'NR_MODEL_FILE_CORRUPT');
  });

  it('a manifest whose inputs do not match the model: NR_MODEL_IO_MISMATCH', async () => {
    const file = join(work, 'manifest.json');
    const m = JSON.parse(readFileSync(file, 'utf8'));
    m.onnx.inputs[1].shape = [1, 9];
    writeFileSync(file, JSON.stringify(m));
    await rejectsWith(SincNsfModel.load(work), 'NR_MODEL_IO_MISMATCH');
  });

  it('a sample window whose input the manifest does not declare as int64 [1]: NR_MODEL_IO_MISMATCH, naming it', async () => {
    const file = join(work, 'manifest.json');
    const m = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(m.onnx.receptive_field.sample_window.input, 'sample_start', 'the import exports a sample window');
    m.onnx.receptive_field.sample_window.input = 'window_start';
    writeFileSync(file, JSON.stringify(m));
    await assert.rejects(SincNsfModel.load(work), (err: unknown) => err instanceof NeurorackError && err.code === 'NR_MODEL_IO_MISMATCH' && err.message.includes("'window_start'"));
    m.onnx.receptive_field.sample_window.input = 'sample_start';
    m.onnx.inputs[4].dtype = 'float32';
    writeFileSync(file, JSON.stringify(m));
    await rejectsWith(SincNsfModel.load(work), 'NR_MODEL_IO_MISMATCH');
  });

  it('a manifest that breaks the schema: NR_SCHEMA_INVALID', async () => {
    const file = join(work, 'manifest.json');
    const m = JSON.parse(readFileSync(file, 'utf8'));
    delete m.golden;
    writeFileSync(file, JSON.stringify(m));
    await rejectsWith(SincNsfModel.load(work), 'NR_SCHEMA_INVALID');
  });

  it('a golden vector the model does not reproduce: NR_MODEL_GOLDEN_MISMATCH', async () => {
    const f = join(work, 'golden.json');
    const g = JSON.parse(readFileSync(f, 'utf8'));
    g.audio[100] += 0.5;
    writeFileSync(f, JSON.stringify(g));
    rehash(work, 'golden.json');
    await rejectsWith(SincNsfModel.load(work), 'NR_MODEL_GOLDEN_MISMATCH');
  });

  it('T = 0, NaN, Infinity or a wrong width: NR_MODEL_DESCRIPTORS_INVALID, and the model keeps playing', async () => {
    const row = [0.1, 0.05, 1700, 0.1, 1000, 900, 100];
    await rejectsWith(model.render([], 1), 'NR_MODEL_DESCRIPTORS_INVALID');
    await rejectsWith(model.render([row, [...row.slice(0, 6), NaN]], 1), 'NR_MODEL_DESCRIPTORS_INVALID');
    await rejectsWith(model.render([[Infinity, ...row.slice(1)]], 1), 'NR_MODEL_DESCRIPTORS_INVALID');
    await rejectsWith(model.render([row.slice(0, 6)], 1), 'NR_MODEL_DESCRIPTORS_INVALID');
    assert.throws(() => model.stream(1).push([[NaN, ...row.slice(1)]]), (e: unknown) => e instanceof NeurorackError && e.code === 'NR_MODEL_DESCRIPTORS_INVALID');
    const ok = await model.render([row, row], 1);
    assert.equal(ok.length, 2 * model.hop);
    assert.ok(ok.every(Number.isFinite));
  });

  it('a checkpoint that is not a Neurorack model: NR_MODEL_CHECKPOINT_INVALID', async () => {
    const fake = join(work, 'fake.th');
    writeFileSync(fake, 'this is not a pickle');
    await rejectsWith(importNeurorackCheckpoint(fake, join(work, 'out')), 'NR_MODEL_CHECKPOINT_INVALID');
  });
});
