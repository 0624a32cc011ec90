import { strict as assert } from 'node:assert';
import { buildContainer } from '../../../core/container/build-container';
import { clockChoices, replayStepMs, VIRTUAL_RENDER_TIMING } from '../../../core/container/clock-choices';
import { Tokens } from '../../../core/container/tokens';
import { MonotonicClock } from '../../../core/scheduler/monotonic-clock';
import { settle } from '../../../core/scheduler/settle';
import { VirtualClock } from '../../../core/scheduler/virtual-clock';

describe('clockChoices', () => {
  it('on the real clock: the worker audio path, real render timing, a threaded fallback, a control thread allowed, frame steps, the display\'s init beside the boot', () => {
    assert.deepEqual(clockChoices(new MonotonicClock()), {
      audioPath: 'worker', renderTiming: { kind: 'real' }, fallbackRenderer: 'threaded', controlThread: true, replayStep: 'display-frame', displayInit: 'beside',
    });
  });

  it('on a virtual clock: the synchronous audio path, modelled render timing, an inline fallback, no control thread, block steps, the display\'s init in turn', () => {
    assert.deepEqual(clockChoices(new VirtualClock()), {
      audioPath: 'sync', renderTiming: VIRTUAL_RENDER_TIMING, fallbackRenderer: 'inline', controlThread: false, replayStep: 'audio-block', displayInit: 'in-turn',
    });
  });

  it('is decided once by the composition root, from the clock the rack names or the one the caller brings', () => {
    assert.equal(buildContainer({ profile: 'test' }).resolve(Tokens.ClockChoices).audioPath, 'sync');
    assert.equal(buildContainer({ profile: 'virtual' }).resolve(Tokens.ClockChoices).audioPath, 'worker');
    assert.equal(buildContainer({ profile: 'virtual' }, { clock: new VirtualClock() }).resolve(Tokens.ClockChoices).audioPath, 'sync');
  });

  it('registers the choices the caller made already for its clock as they are (Host.boot makes them before the container, to spawn the control thread): made once', () => {
    const clock = new VirtualClock();
    const made = clockChoices(clock);
    assert.equal(buildContainer({ profile: 'virtual' }, { clock, choices: made }).resolve(Tokens.ClockChoices), made);
    assert.notEqual(buildContainer({ profile: 'virtual' }, { clock }).resolve(Tokens.ClockChoices), made, 'made afresh without them');
  });

  it('steps a replay by one audio block on a virtual clock and by one 60 Hz frame on the real one', () => {
    const audio = { blockSize: 480, sampleRate: 48_000 };
    assert.equal(replayStepMs(clockChoices(new VirtualClock()), audio), 10);
    assert.equal(replayStepMs(clockChoices(new MonotonicClock()), audio), 1000 / 60);
  });
});

describe('Clock capabilities (hold, advanceTo)', () => {
  it('the real clock returns held work unchanged and waits in advanceTo', async () => {
    const clock = new MonotonicClock();
    const work = Promise.resolve(7);
    assert.equal(clock.hold(work), work);
    const target = clock.now() + 5;
    await clock.advanceTo(target);
    assert.ok(clock.now() >= target);
  });

  it('settle advances a virtual clock while the work is pending, and only awaits on the real one', async () => {
    const clock = new VirtualClock();
    const done = settle(clock, clock.sleep(25).then(() => 'slept'));
    assert.equal(await done, 'slept');
    assert.ok(clock.now() >= 25 && clock.now() < 27);
    const real = new MonotonicClock();
    assert.equal(await settle(real, real.sleep(2).then(() => 'real')), 'real');
  });
});
