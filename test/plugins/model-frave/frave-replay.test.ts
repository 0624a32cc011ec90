import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBank } from '../../../core/banks/bank-build';
import { readBank, writeBankFolder } from '../../../core/banks/bank-store';
import type { Replay } from '../../../core/engine/replay/replay-file';
import { runReplay, type ReplayResult } from '../../../core/host/replay-runner';
import { paths } from '../../../core/paths';
import type { HostView } from '../../../core/ui/host-view';
import type { NeurorackError } from '../../../core/errors/neurorack-error';
import { mono, rmsAt } from '../../core/engine/replay/replay-audio';
import { freshTimbresDir } from './frave-helpers';

/**
 * cinematic-booms' loudest entry: B plays its curves as they are but for a bandwidth past the
 * model's training range in its first 3 frames, A the same with its RMS a tenth.
 */
const SOURCE = { bank: 'cinematic-booms', entry: 'boom-0004' };
const QUIET = 0.1;

/** CV1 at -5 V (entry A, quiet), gate 1 at 0.3 s; CV1 to +5 V (entry B) at 1.5 s, gate 1 at 2.0 s. */
const replay: Replay = {
  duration_s: 3.2,
  events: [
    { t: 0, type: 'cv', jack: 1, volts: -5 },
    { t: 0.3, type: 'gate', jack: 1, state: 'high' },
    { t: 0.4, type: 'gate', jack: 1, state: 'low' },
    { t: 1.5, type: 'cv', jack: 1, volts: 5 },
    { t: 2.0, type: 'gate', jack: 1, state: 'high' },
    { t: 2.1, type: 'gate', jack: 1, state: 'low' },
  ],
};

describe('model-frave through the engine: a replay on the test profile plays frave-impacts-v1', function () {
  this.timeout(180_000);
  let run: ReplayResult;
  let x: Float32Array;
  let asked: number[];
  let view: HostView;
  let timbres: { before: HostView['model']; after: HostView['model']; refused: unknown };

  let userTimbres: ReturnType<typeof freshTimbresDir>;
  after(() => userTimbres.restore());

  before(async () => {
    userTimbres = freshTimbresDir(); // none of the user's timbres: the list below is the shipped one
    const { bank } = await readBank(join(paths.descriptorBanks, SOURCE.bank));
    const source = bank.entries.find((e) => e.name === SOURCE.entry)!;
    asked = source.frames.map((r) => r[0]!);
    const dir = join(mkdtempSync(join(tmpdir(), 'nr-frave-bank-')), 'loudness');
    const loud = source.frames.map((r, t) => (t < 3 ? r.map((v, k) => (k === 4 ? 9000 : v)) : r));
    const quiet = { ...source, name: 'quiet', frames: loud.map((r) => [r[0]! * QUIET, ...r.slice(1)]) };
    await writeBankFolder(dir, buildBank({ id: 'loudness' }, [quiet, { ...source, name: 'loud', frames: loud }], join(dir, 'bank.json')));
    run = await runReplay({
      source: { profile: 'test' }, replay, entries: { bank: dir, a: 'quiet', b: 'loud' }, modelId: 'frave-impacts-v1',
      onBooted: async (host) => async () => {
        view = host.live.view();
        const refused = await host.live.selectTimbre('nope').then(() => undefined, (err: unknown) => err);
        await host.live.selectTimbre('wood');
        timbres = { before: view.model, after: host.live.view().model, refused };
      },
    });
    x = mono(run.audio, run.channels, run.sampleRate);
  });

  it('plays the FRAVE model: both gates sound, within a block plus the edge\'s scan, no xruns', () => {
    const m = run.metrics;
    assert.equal(m.model, 'frave-impacts-v1');
    assert.equal(m.gate_to_sound_ms.length, 2);
    for (const ms of m.gate_to_sound_ms) assert.ok(ms >= 0 && ms <= m.block_ms + 1000 / 200 + 1, `gate to sound ${ms} ms`);
    assert.equal(m.xruns, 0);
    assert.ok(x.every(Number.isFinite));
    assert.ok(rmsAt(x, 0.1, 0.29) < 1e-3, 'silent before the first gate');
  });

  it('lists its timbres to the screen, plays another when asked and refuses an unknown one', () => {
    assert.deepEqual(timbres.before.timbres, ['metal', 'boom', 'debris', 'glass', 'membrane', 'noise', 'tail', 'wood']);
    assert.equal(timbres.before.timbre, 'metal');
    assert.equal(timbres.after.timbre, 'wood');
    assert.equal((timbres.refused as NeurorackError).code, 'NR_TIMBRE_NOT_FOUND');
  });

  it('tells the screen the playing model is asked for descriptors outside its training range (it clamps them)', () => {
    assert.equal(view.model.id, 'frave-impacts-v1');
    assert.equal(view.model.outOfRange, true);
  });

  it('follows the asked RMS: the same curve asked 10 times louder sounds louder, and within a sound the output follows the asked curve', () => {
    const quiet = rmsAt(x, 0.31, 0.8);
    const loud = rmsAt(x, 2.01, 2.5);
    assert.ok(quiet > 1e-3, `entry A sounds (${quiet})`);
    assert.ok(loud > 1.5 * quiet, `entry B (asked 10x louder) at ${loud.toFixed(4)} against A at ${quiet.toFixed(4)}`);
    const hop = 512 / 22050;
    const frames = Math.min(asked.length, Math.floor((3.2 - 2.0) / hop) - 2);
    const got = Array.from({ length: frames }, (_, t) => rmsAt(x, 2.0 + t * hop, 2.0 + (t + 1) * hop));
    const r = pearson(asked.slice(0, frames).map(Math.log), got.map((v) => Math.log(v + 1e-6)));
    assert.ok(r > 0.5, `Pearson r of log RMS, asked against obtained, over B's ${frames} frames: ${r.toFixed(3)}`);
  });
});

function pearson(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}
