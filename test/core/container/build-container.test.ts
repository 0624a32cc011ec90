import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { buildContainer } from '../../../core/container/build-container';
import { Tokens } from '../../../core/container/tokens';
import { packageRoot } from '../../../core/paths';
import { MonotonicClock } from '../../../core/scheduler/monotonic-clock';
import { VirtualClock } from '../../../core/scheduler/virtual-clock';
import { tempRack } from '../../helpers/temp-rack';

describe('buildContainer', () => {
  it('gives every call its own clock, scheduler and devices', () => {
    const a = buildContainer({ profile: 'test' });
    const b = buildContainer({ profile: 'test' });
    assert.notEqual(a.resolve(Tokens.Clock), b.resolve(Tokens.Clock));
    assert.notEqual(a.resolve(Tokens.Scheduler), b.resolve(Tokens.Scheduler));
    assert.notEqual(a.resolve(Tokens.Devices), b.resolve(Tokens.Devices));
  });

  it('picks the clock the rack names, unless the caller brings one', () => {
    assert.ok(buildContainer({ profile: 'test' }).resolve(Tokens.Clock) instanceof VirtualClock);
    assert.ok(buildContainer({ profile: 'virtual' }).resolve(Tokens.Clock) instanceof MonotonicClock);
    const mine = new VirtualClock(1000);
    assert.equal(buildContainer({ profile: 'virtual' }, { clock: mine }).resolve(Tokens.Clock), mine);
  });

  it("discovers the rack's plugin folders with the built-ins, and a broken one does not stop the host", () => {
    const rack = tempRack({ pluginDirs: [join(packageRoot, 'test', 'fixtures', 'plugins')] });
    const plugins = buildContainer({ rackFile: rack }).resolve(Tokens.Plugins).list();
    assert.ok(plugins.some((p) => p.id === 'good-mapping' && p.status === 'ok' && p.source === 'rack'));
    assert.ok(plugins.some((p) => p.id === 'host-incompatible' && p.status === 'error'));
  });
});
