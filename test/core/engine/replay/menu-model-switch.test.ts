import { strict as assert } from 'node:assert';
import type { Replay } from '../../../../core/engine/replay/replay-file';
import { runReplay, type ReplayResult } from '../../../../core/host/replay-runner';
import { installModelCopy } from '../../../helpers/second-model';
import { mono, rmsAt } from './replay-audio';

const PRESS = (t: number) => [{ t, type: 'button' as const, state: 'down' as const }, { t: t + 0.06, type: 'button' as const, state: 'up' as const }];

/**
 * Gate 2 loops the start of the impact (CV2 at -5 V) from 0.3 s to the end while the performer,
 * with the encoder and the button only: presses (menu), turns to Models, presses, turns to the
 * second model, presses (actions) and presses Play at 2.5 s.
 */
const replay: Replay = {
  duration_s: 4.5,
  events: [
    { t: 0, type: 'cv', jack: 2, volts: -5 },
    { t: 0.3, type: 'gate', jack: 2, state: 'high' },
    ...PRESS(1.0),
    { t: 1.3, type: 'encoder', delta: 1 },
    ...PRESS(1.6),
    { t: 1.9, type: 'encoder', delta: 1 },
    ...PRESS(2.2),
    ...PRESS(2.5),
  ],
};

describe('switching the model from the menu with the encoder, while gate 2 loops', function () {
  this.timeout(120_000);
  let result: ReplayResult;
  let second: string;
  const saved = process.env['NEURORACK_MODELS_DIR'];

  before(async () => {
    const installed = installModelCopy('sinc-nsf-impacts-v1');
    second = installed.id;
    process.env['NEURORACK_MODELS_DIR'] = installed.dir;
    result = await runReplay({ source: { profile: 'test' }, replay });
  });

  after(() => {
    if (saved === undefined) delete process.env['NEURORACK_MODELS_DIR'];
    else process.env['NEURORACK_MODELS_DIR'] = saved;
  });

  it('ends on the model chosen in the menu, with no render failure and no xrun', () => {
    assert.equal(result.metrics.model, second);
    assert.equal(result.metrics.render_failures, 0);
    assert.equal(result.metrics.xruns, 0);
  });

  it('never drops out: every 10 ms of the loop, before, during and after the switch, sounds', () => {
    const x = mono(result.audio, result.channels, result.sampleRate);
    const quiet: string[] = [];
    for (let t = 0.35; t < 4.45; t += 0.01) {
      const r = rmsAt(x, t, t + 0.01);
      if (!(r > 1e-3)) quiet.push(`${t.toFixed(2)} s (${r.toExponential(1)})`);
    }
    assert.deepEqual(quiet, [], 'windows without sound');
  });
});
