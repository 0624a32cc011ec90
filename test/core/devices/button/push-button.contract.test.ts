import assert from 'node:assert/strict';
import { GpioPushButton } from '../../../../core/devices/button/gpio-push-button';
import type { ButtonEvent, PushButton } from '../../../../core/devices/button/push-button';
import { EmulatedGpioChip } from '../../../../core/devices/gpio/emulated-gpio-chip';
import { openOnoffInput } from '../../../../core/devices/gpio/onoff-gpio';
import { MonotonicClock } from '../../../../core/scheduler/monotonic-clock';
import { VirtualClock } from '../../../../core/scheduler/virtual-clock';
import { HARDWARE, bindingTitle, contractIt } from '../i2c/hardware-opt-in';

const REAL_LINE = Number(process.env.NEURORACK_HW_BUTTON_LINE ?? 50);

interface Harness {
  button: PushButton;
  events: ButtonEvent[];
  clock?: VirtualClock;
  /** Emulated: the finger on the button (debounce 20 ms, long press 600 ms, active low). */
  press?: (down: boolean) => void;
  bounce?: () => void;
}

function emulated(): Harness {
  const clock = new VirtualClock();
  const chip = new EmulatedGpioChip('emulated-gpio', 0, 64, clock);
  chip.setLevel(50, 1);
  const button = new GpioPushButton({ line: chip.input(50), clock, binding: 'emulated', activeLow: true, debounceMs: 20, longPressMs: 600 });
  const events: ButtonEvent[] = [];
  button.onEvent((e) => events.push(e));
  return {
    button,
    events,
    clock,
    press: (down) => chip.setLevel(50, down ? 0 : 1),
    bounce: () => {
      chip.setLevel(50, 0);
      chip.setLevel(50, 1);
      chip.setLevel(50, 0);
    },
  };
}

const bindings: Array<{ name: 'emulated' | 'real'; available: boolean; make: () => Harness }> = [
  { name: 'emulated', available: true, make: emulated },
  {
    name: 'real',
    available: HARDWARE,
    make: () => {
      const clock = new MonotonicClock();
      const button = new GpioPushButton({ line: openOnoffInput(REAL_LINE, 'both', clock), clock, binding: 'real', activeLow: true, debounceMs: 20, longPressMs: 600 });
      const events: ButtonEvent[] = [];
      button.onEvent((e) => events.push(e));
      return { button, events };
    },
  },
];

for (const b of bindings) {
  describe(bindingTitle('PushButton', b.name, `the button on sysfs GPIO ${REAL_LINE}, released`), () => {
    contractIt(b.available, 'opens ok, released, with no events', async () => {
      const h = b.make();
      await h.button.open();
      assert.equal(h.button.health().status, 'ok');
      assert.equal(h.button.isDown(), false);
      assert.equal(h.events.length, 0);
      await h.button.close();
      await h.button.close();
    });

    contractIt(b.name === 'emulated', 'a short press: down, up, short-press, with the time held', async () => {
      const h = b.make();
      await h.button.open();
      await h.clock!.advance(10);
      h.bounce!();
      assert.equal(h.button.isDown(), true);
      await h.clock!.advance(150);
      h.press!(false);
      await h.clock!.advance(50);
      assert.deepEqual(h.events, [
        { type: 'down', timeMs: 10 },
        { type: 'up', timeMs: 160, heldMs: 150 },
        { type: 'short-press', timeMs: 160, heldMs: 150 },
      ]);
    });

    contractIt(b.name === 'emulated', 'a long press fires at longPressMs while held, and no short press on release', async () => {
      const h = b.make();
      await h.button.open();
      h.press!(true);
      await h.clock!.advance(599);
      assert.deepEqual(h.events.map((e) => e.type), ['down']);
      await h.clock!.advance(1);
      assert.deepEqual(h.events.map((e) => [e.type, e.timeMs]), [['down', 0], ['long-press', 600]]);
      await h.clock!.advance(400);
      h.press!(false);
      assert.deepEqual(h.events.map((e) => e.type), ['down', 'long-press', 'up']);
      assert.equal(h.events[2]!.heldMs, 1000);
    });

    contractIt(b.name === 'emulated', 'bounces on release do not make a second press', async () => {
      const h = b.make();
      await h.button.open();
      h.press!(true);
      await h.clock!.advance(100);
      h.press!(false);
      h.press!(true); // release bounce
      await h.clock!.advance(5);
      h.press!(false);
      await h.clock!.advance(100);
      assert.deepEqual(h.events.map((e) => e.type), ['down', 'up', 'short-press']);
    });
  });
}
