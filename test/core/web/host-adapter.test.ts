import { strict as assert } from 'node:assert';
import { loadRack } from '../../../core/config/load-rack';
import { SchemaRegistry } from '../../../core/schemas/schema-registry';
import { createHostAdapter } from '../../../core/web/host-adapter';

describe('host adapter: the screen as the web server reads it', () => {
  const rack = loadRack({ profile: 'virtual' }, new SchemaRegistry()).config;

  it('polls the chip only while someone listens, and reads the framebuffer only after the chip received a frame', async () => {
    let reads = 0;
    const chip = { frames: 1, readRgba: () => (reads++, new Uint8ClampedArray(240 * 240 * 4).fill(chip.frames)) };
    const host = createHostAdapter({ rack, screen: chip, banks: { shipped: '/nonexistent', user: '/nonexistent' }, screenPollMs: 5 });
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(reads, 0, 'nobody listens: no poll');
    const seen: number[] = [];
    const stop = host.onScreenFrame((rgba) => seen.push(rgba[0]!));
    await new Promise((r) => setTimeout(r, 60));
    assert.deepEqual(seen, [1]);
    assert.equal(reads, 1, 'no new frame: no read');
    chip.frames = 2;
    await new Promise((r) => setTimeout(r, 30));
    assert.deepEqual(seen, [1, 2]);
    assert.equal(reads, 2);
    stop();
    chip.frames = 3;
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(reads, 2, 'the poll stopped with its last listener');
    assert.equal(host.latestScreen()![0], 3, 'asked for, the screen is read as it is now');
  });

  it('answers stats with NR_WEB_HOST_NOT_WIRED when the host gives none', () => {
    const host = createHostAdapter({ rack, banks: { shipped: '/nonexistent', user: '/nonexistent' } });
    assert.throws(() => host.stats(), (e: { code?: string }) => e.code === 'NR_WEB_HOST_NOT_WIRED');
  });
});
