import assert from 'node:assert/strict';
import { Scheduler } from '../../../core/scheduler/scheduler';
import { offlineScreen } from '../../../core/ui/offline-screen';
import { sampleHostView } from '../../../core/ui/sample-host-view';
import { SCREEN_SETTLE_MS, ScreenRuntime } from '../../../core/ui/screen-runtime';

/** A runtime over an offline screen whose host view carries a revision, as LiveHost's does, on a scheduler at 15 fps. */
async function revisedScreen() {
  const s = await offlineScreen(sampleHostView());
  let revision = 0;
  let views = 0;
  const runtime = new ScreenRuntime({
    display: s.display, actions: s.host, pages: s.pages, menu: { tree: { items: [{ label: 'M', page: 'models' }] } }, clock: s.clock,
    view: () => (views++, s.host.view()),
    revision: () => revision,
  });
  const scheduler = new Scheduler(s.clock);
  scheduler.addPeriodic(runtime.task(15));
  scheduler.start();
  const change = (patch: Parameters<typeof s.host.update>[0]) => {
    s.host.update(patch);
    revision++;
  };
  return { s, runtime, scheduler, change, views: () => views };
}

describe('ScreenRuntime on an idle host (revision given)', () => {
  it('draws nothing and builds no view once settled, while nothing changes', async () => {
    const { s, runtime, scheduler, views } = await revisedScreen();
    await s.clock.advance(SCREEN_SETTLE_MS + 500);
    const settled = { ...runtime.stats, views: views() };
    assert.equal(settled.pushed, 1, 'the first frame');
    await s.clock.advance(10_000);
    scheduler.stop();
    assert.equal(runtime.stats.frames, settled.frames, 'no frame drawn in 10 s of nothing');
    assert.equal(runtime.stats.pushed, 1);
    assert.equal(views(), settled.views, 'no view built either');
    assert.ok(runtime.stats.idle >= 140, `the ticks went by idle (${runtime.stats.idle})`);
  });

  it('draws again when the revision changes, an input comes, or a toast shows, then settles', async () => {
    const { s, runtime, scheduler, change } = await revisedScreen();
    await s.clock.advance(1500);
    const v = s.host.view();
    change({ cvs: v.cvs.map((c) => (c.jack === 1 ? { ...c, volts: -3.2 } : c)) });
    await s.clock.advance(100);
    assert.equal(runtime.stats.pushed, 2, 'the CV change is drawn within a tick');

    // A revision that changes nothing on the page costs one frame, no settle window.
    const framesBefore = runtime.stats.frames;
    await s.clock.advance(SCREEN_SETTLE_MS + 200);
    const settledFrames = runtime.stats.frames;
    change({});
    await s.clock.advance(1000);
    assert.equal(runtime.stats.frames, settledFrames + 1, `one frame for an invisible change (frames ${framesBefore} -> ${settledFrames} -> ${runtime.stats.frames})`);

    runtime.toast('hello', 'info');
    await s.clock.advance(100);
    assert.equal(runtime.stats.pushed, 3, 'the toast is drawn');
    await s.clock.advance(4500);
    assert.equal(runtime.stats.pushed, 4, 'and drawn away when it expires (toastMs 4000)');
    const afterToast = runtime.stats.frames;
    await s.clock.advance(3000);
    assert.equal(runtime.stats.frames, afterToast, 'then it settles again');

    await runtime.input({ type: 'press' });
    await s.clock.advance(100);
    scheduler.stop();
    assert.equal(runtime.currentPageId(), 'ui-core/menu');
    assert.equal(runtime.stats.pushed, 5, 'the press opened the menu');
  });

  it('without a revision it draws every tick, as before', async () => {
    const s = await offlineScreen(sampleHostView());
    const scheduler = new Scheduler(s.clock);
    scheduler.addPeriodic(s.runtime.task(15));
    scheduler.start();
    await s.clock.advance(2000);
    scheduler.stop();
    assert.ok(s.runtime.stats.frames >= 29, `frames ${s.runtime.stats.frames}`);
    assert.equal(s.runtime.stats.idle, 0);
  });
});
