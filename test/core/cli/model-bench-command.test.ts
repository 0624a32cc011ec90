import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from '../../../core/paths';
import { runCli } from '../../helpers/run-cli';
import { DEFAULT_CHUNKS } from '../../../plugins/model-sinc-nsf/progressive-render';

describe('neurorack model bench', function () {
  // 1 s and 10 s renders, then 21 progressive ones: seconds on a quiet machine, minutes on a loaded one.
  this.timeout(600_000);

  it('prints the JSON issue 24 specifies for the shipped model, through its runtime plugin', async () => {
    const r = await runCli(['model', 'bench', 'sinc-nsf-impacts-v1', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const b = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(b), ['model', 'rtf_1s', 'rtf_10s', 'blocks', 'delay_ms', 'first_chunk_ms', 'peak_rss_mb', 'block_source', 'merged_chunks']);
    assert.equal(b.model, 'sinc-nsf-impacts-v1');
    for (const key of ['rtf_1s', 'rtf_10s', 'first_chunk_ms', 'peak_rss_mb']) assert.ok(Number.isFinite(b[key]) && b[key] > 0, `${key}: ${b[key]}`);
    assert.equal(b.block_source, 'renderInto');
    assert.equal(b.blocks[0].frames, DEFAULT_CHUNKS.firstFrames, 'the first chunk the engine plays');
    for (const k of b.blocks) assert.ok(k.rtf > 0 && k.p99_ms > 0);
    const manifest = JSON.parse(readFileSync(join(paths.models, 'sinc-nsf-impacts-v1', 'manifest.json'), 'utf8'));
    // The delay a stream adds: the lookahead it renders with (the measured effective field where the manifest states one).
    const field = manifest.onnx.receptive_field;
    const lookahead = (field.effective?.right_frames ?? field.right_frames) as number;
    assert.equal(b.delay_ms, Number(((lookahead * manifest.hop_length * 1000) / manifest.sample_rate).toFixed(2)));
  });

  it('times the FRAVE model the same way: progressive chunks from its 1-frame first, no model delay, well under real time', async () => {
    const r = await runCli(['model', 'bench', 'frave-impacts-v1', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const b = JSON.parse(r.stdout);
    assert.equal(b.model, 'frave-impacts-v1');
    assert.equal(b.block_source, 'renderInto');
    assert.equal(b.delay_ms, 0, 'a causal decoder: no lookahead');
    assert.ok(b.rtf_1s > 0 && b.rtf_1s < 1 && b.rtf_10s > 0 && b.rtf_10s < 1, `rtf ${b.rtf_1s} / ${b.rtf_10s}`);
    for (const k of b.blocks) assert.ok(k.frames <= 16 && k.rtf > 0, JSON.stringify(k));
  });

  it('refuses --threads outside 1-16 and an unknown model with exit 2', async () => {
    const threads = await runCli(['model', 'bench', 'sinc-nsf-impacts-v1', '--threads', '0']);
    assert.equal(threads.code, 2);
    assert.match(threads.stderr, /NR_USAGE.*--threads/);
    const missing = await runCli(['model', 'bench', 'no-such-model']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /NR_FILE_NOT_FOUND.*no-such-model/);
  });
});
