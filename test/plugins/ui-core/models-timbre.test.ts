import assert from 'node:assert/strict';
import { offlineScreen, showPage } from '../../../core/ui/offline-screen';
import { sampleHostView } from '../../../core/ui/sample-host-view';

describe('models page: the playing model\'s timbres (issue #23)', () => {
  it('offers Timbre for a playing model with timbres, which plays the next one (wrapping), and shows it in the hint', async () => {
    const v = sampleHostView();
    const s = await offlineScreen({ ...v, model: { ...v.model, timbres: ['metal', 'wood', 'glass'], timbre: 'metal' } });
    showPage(s.runtime, 'models');
    await s.runtime.frame();
    const pick = async (): Promise<void> => {
      await s.runtime.input({ type: 'press' });
      await s.runtime.input({ type: 'turn', delta: 2, timeMs: 0 });
      await s.runtime.input({ type: 'press' });
    };
    for (const want of ['wood', 'glass', 'metal']) {
      await pick();
      assert.equal(s.host.view().model.timbre, want);
    }
    assert.deepEqual(s.host.calls.filter((c) => c.action === 'selectTimbre').map((c) => c.args[0]), ['wood', 'glass', 'metal']);
  });

  it('offers no Timbre for a model without timbres', async () => {
    const s = await offlineScreen(sampleHostView());
    showPage(s.runtime, 'models');
    await s.runtime.frame();
    await s.runtime.input({ type: 'press' });
    await s.runtime.input({ type: 'turn', delta: 2, timeMs: 0 });
    await s.runtime.input({ type: 'press' });
    assert.equal(s.host.calls.some((c) => c.action === 'selectTimbre'), false);
    assert.ok(s.host.calls.some((c) => c.action === 'runBenchmark'), 'the last action is Benchmark');
  });
});
