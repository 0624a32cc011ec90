import assert from 'node:assert/strict';
import { EmulatedGpioChip, GPIO_HISTORY_LIMIT } from '../../../../core/devices/gpio/emulated-gpio-chip';
import { VirtualClock } from '../../../../core/scheduler/virtual-clock';

describe('EmulatedGpioChip output history', () => {
  it('keeps the latest writes of a line, bounded, and counts them all (a DC line toggles 90 times a second for hours)', async () => {
    const clock = new VirtualClock();
    const chip = new EmulatedGpioChip('emulated-gpio', 0, 64, clock);
    const dc = chip.output(13);
    const writes = 20 * GPIO_HISTORY_LIMIT + 7;
    for (let i = 0; i < writes; i++) {
      await dc.write((i % 2) as 0 | 1);
      await clock.advance(1);
    }
    const history = chip.history(13);
    assert.ok(history.length >= GPIO_HISTORY_LIMIT && history.length < 2 * GPIO_HISTORY_LIMIT, `${history.length} kept`);
    assert.equal(chip.writeCount(13), writes);
    assert.deepEqual(history[history.length - 1], { value: (writes - 1) % 2, timeMs: writes - 1 }, 'the latest write last');
    for (let i = 1; i < history.length; i++) assert.equal(history[i]!.timeMs - history[i - 1]!.timeMs, 1, 'no write left out in between');
    assert.equal(chip.writeCount(14), 0);
    assert.deepEqual(chip.history(14), []);
  });
});
