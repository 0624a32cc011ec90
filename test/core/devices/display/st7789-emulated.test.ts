import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import { rgbaToRgb565be } from '../../../../core/devices/display/rgb565';
import { GPIO_HISTORY_LIMIT } from '../../../../core/devices/gpio/emulated-gpio-chip';
import { DC_LINE, RST_LINE, emulatedRig, rgb565 } from './emulated-display-rig';

const W = 240;

/** 8-bit expansion of an RGB565 value as the glass shows it (top bits replicated), written out here. */
function expand(v: number): [number, number, number] {
  const r = (v >> 11) & 31;
  const g = (v >> 5) & 63;
  const b = v & 31;
  return [(r << 3) | (r >> 2), (g << 2) | (g >> 4), (b << 3) | (b >> 2)];
}

function pixel(rgba: Uint8ClampedArray, x: number, y: number): number[] {
  const o = (y * W + x) * 4;
  return [rgba[o]!, rgba[o + 1]!, rgba[o + 2]!, rgba[o + 3]!];
}

/** Four quadrants (red, green, blue, white) and a few single-pixel markers near the corners. */
function testPattern(): Uint16Array {
  const f = new Uint16Array(W * W);
  for (let y = 0; y < W; y++) {
    for (let x = 0; x < W; x++) {
      f[y * W + x] = y < 120 ? (x < 120 ? 0xf800 : 0x07e0) : x < 120 ? 0x001f : 0xffff;
    }
  }
  f[0] = 0x0000; // top-left black
  f[5 * W + 3] = rgb565(0x12, 0x34, 0x56);
  f[239 * W + 239] = 0x0000; // bottom-right black
  return f;
}

describe('ST7789 driver on the emulated bus and chip', () => {
  it('runs the v1 reset and init sequence in order, with the datasheet waits on the virtual clock', async () => {
    const rig = emulatedRig();
    await rig.settle(rig.display.open());
    assert.deepEqual(
      rig.gpio.history(RST_LINE).map((e) => [e.value, e.timeMs]),
      [
        [0, 0],
        [1, 50],
      ],
    );
    const log = rig.emulator.commands().map((c) => [c.command, ...c.params]);
    assert.deepEqual(log, [
      [0x01],
      [0x11],
      [0x3a, 0x55],
      [0x36, 0x08],
      [0x2a, 0x00, 0x00, 0x00, 0xef],
      [0x2b, 0x00, 0x50, 0x01, 0x3f],
      [0x21],
      [0x13],
      [0x29],
      [0x36, 0xc0],
    ]);
    const at = rig.emulator.commands().map((c) => c.timeMs);
    assert.ok(at[0]! >= 100, `SWRESET ${at[0]} ms, expected >= 5 ms after RST release at 50 ms`);
    assert.ok(at[1]! - at[0]! >= 120, 'SLPOUT at least 120 ms after SWRESET');
    assert.ok(at[2]! - at[1]! >= 5, 'next command at least 5 ms after SLPOUT');
    assert.deepEqual(rig.emulator.violations(), []);
    assert.equal(rig.emulator.sleeping, false);
    assert.equal(rig.emulator.displayOn, true);
    assert.equal(rig.display.health().status, 'ok');
  });

  it('a pushed frame appears pixel-exact on the glass, upright through MADCTL MY|MX and row offset 80', async () => {
    const rig = emulatedRig();
    await rig.settle(rig.display.open());
    const frame = testPattern();
    assert.equal(await rig.settle(rig.display.pushFrame(frame)), true);
    const rgba = rig.emulator.readRgba();
    assert.equal(rgba.length, 240 * 240 * 4);
    assert.deepEqual(pixel(rgba, 0, 0), [0, 0, 0, 255]);
    assert.deepEqual(pixel(rgba, 1, 0), [255, 0, 0, 255]);
    assert.deepEqual(pixel(rgba, 200, 10), [0, 255, 0, 255]);
    assert.deepEqual(pixel(rgba, 10, 200), [0, 0, 255, 255]);
    assert.deepEqual(pixel(rgba, 238, 239), [255, 255, 255, 255]);
    assert.deepEqual(pixel(rgba, 239, 239), [0, 0, 0, 255]);
    assert.deepEqual(pixel(rgba, 3, 5), [...expand(rgb565(0x12, 0x34, 0x56)), 255]);
    for (let i = 0; i < W * W; i++) {
      const [r, g, b] = expand(frame[i]!);
      const o = i * 4;
      if (rgba[o] !== r || rgba[o + 1] !== g || rgba[o + 2] !== b) assert.fail(`pixel ${i % W},${Math.floor(i / W)} differs`);
    }
    assert.equal(rig.emulator.frames, 1);
  });

  it('with the wrong row offset the image lands shifted (the emulator models the 320-row RAM)', async () => {
    const rig = emulatedRig({ rowOffset: 0 });
    await rig.settle(rig.display.open());
    await rig.settle(rig.display.pushFrame(testPattern()));
    const rgba = rig.emulator.readRgba();
    // With MY, frame rows 0..239 land in RAM rows 319..80; the glass shows RAM rows 0..239, seen
    // rotated 180 degrees: frame rows 80..239 appear as rows 0..159, RAM rows 0..79 (black) below.
    assert.deepEqual(pixel(rgba, 50, 10), [255, 0, 0, 255], 'frame (50, 90): red quadrant');
    assert.deepEqual(pixel(rgba, 50, 40), [0, 0, 255, 255], 'frame (50, 120): blue quadrant');
    assert.deepEqual(pixel(rgba, 239, 159), [0, 0, 0, 255], 'frame (239, 239): black marker');
    assert.deepEqual(pixel(rgba, 238, 159), [255, 255, 255, 255]);
    assert.deepEqual(pixel(rgba, 50, 170), [0, 0, 0, 255], 'never written');
  });

  it('splits a frame into transfers of at most 4096 bytes (115200 bytes: 28 of 4096 and one of 512)', async () => {
    const rig = emulatedRig();
    await rig.settle(rig.display.open());
    const before = rig.bus.transferSizes().length;
    await rig.settle(rig.display.pushFrame(testPattern()));
    const sizes = rig.bus.transferSizes().slice(before);
    assert.ok(Math.max(...sizes) <= 4096);
    const pixelTransfers = sizes.filter((s) => s > 4);
    assert.deepEqual(pixelTransfers, [...new Array<number>(28).fill(4096), 512]);
    assert.equal(rig.bus.stats().largestTransfer, 4096);
  });

  it('does not push an unchanged frame again, and pushes only the changed rectangle', async () => {
    const rig = emulatedRig();
    await rig.settle(rig.display.open());
    const frame = testPattern();
    await rig.settle(rig.display.pushFrame(frame));
    const bytesAfterFirst = rig.bus.stats().bytes;
    assert.equal(await rig.settle(rig.display.pushFrame(frame.slice())), false);
    assert.equal(rig.bus.stats().bytes, bytesAfterFirst, 'nothing sent for an identical frame');
    assert.equal(rig.emulator.frames, 1);

    const next = frame.slice();
    for (let y = 50; y < 54; y++) for (let x = 100; x < 110; x++) next[y * W + x] = 0x07e0;
    assert.equal(await rig.settle(rig.display.pushFrame(next)), true);
    const cmds = rig.emulator.commands().slice(-3);
    assert.deepEqual(cmds[0]!.params, [0, 100, 0, 109], 'CASET 100..109');
    assert.deepEqual(cmds[1]!.params, [0, 130, 0, 133], 'RASET 50..53 + 80');
    assert.equal(cmds[2]!.pixels, 40);
    assert.equal(rig.bus.stats().bytes - bytesAfterFirst, 1 + 4 + 1 + 4 + 1 + 80);
    const rgba = rig.emulator.readRgba();
    assert.deepEqual(pixel(rgba, 100, 50), [0, 255, 0, 255]);
    assert.deepEqual(pixel(rgba, 109, 53), [0, 255, 0, 255]);
    assert.deepEqual(pixel(rgba, 110, 53), [255, 0, 0, 255]);
    assert.deepEqual(rig.display.stats(), { pushed: 2, unchanged: 1, busy: 0, failed: 0 });
  });

  it('takes big-endian Buffers from rgbaToRgb565be (a canvas ImageData) as well as Uint16Array', async () => {
    const rig = emulatedRig();
    await rig.settle(rig.display.open());
    const rgba = new Uint8ClampedArray(W * W * 4);
    for (let i = 0; i < W * W; i++) rgba.set([0x12, 0x34, 0x56, 255], i * 4);
    await rig.settle(rig.display.pushFrame(rgbaToRgb565be(rgba)));
    assert.deepEqual(pixel(rig.emulator.readRgba(), 17, 33), [...expand(0x11aa), 255]);
  });

  it('drops a frame offered while the previous one is on the wire', async () => {
    const rig = emulatedRig();
    await rig.settle(rig.display.open());
    const first = rig.display.pushFrame(testPattern());
    const second = rig.display.pushFrame(new Uint16Array(W * W));
    assert.equal(await rig.settle(second), false);
    assert.equal(await rig.settle(first), true);
    assert.equal(rig.display.stats().busy, 1);
  });

  it('goes degraded while the device is gone, retries with backoff, re-inits and is ok once it is back', async () => {
    const rig = emulatedRig();
    await rig.settle(rig.display.open());
    await rig.settle(rig.display.pushFrame(testPattern()));
    rig.bus.injectFault({ kind: 'gone' });
    const changed = testPattern();
    changed[100] = 0x1234;
    assert.equal(await rig.settle(rig.display.pushFrame(changed)), false);
    const health = rig.display.health();
    assert.equal(health.status, 'degraded');
    assert.match(health.detail, /ENODEV.*retrying in 100 ms/);
    const resetsBefore = rig.emulator.hardwareResets;
    // Within the backoff nothing is tried.
    const bytes = rig.bus.stats().rejected;
    assert.equal(await rig.settle(rig.display.pushFrame(changed)), false);
    assert.equal(rig.bus.stats().rejected, bytes);
    rig.bus.clearFault();
    await rig.clock.advance(150);
    assert.equal(await rig.settle(rig.display.pushFrame(changed)), true);
    assert.equal(rig.display.health().status, 'ok');
    assert.equal(rig.emulator.hardwareResets, resetsBefore + 1, 'init sequence re-run');
    assert.deepEqual(pixel(rig.emulator.readRgba(), 100, 0), [...expand(0x1234), 255]);
    assert.equal(rig.display.stats().failed, 1);
  });

  it('a timeout fault degrades the display and the next push after the backoff recovers it', async () => {
    const rig = emulatedRig();
    await rig.settle(rig.display.open());
    rig.bus.injectFault({ kind: 'timeout', count: 1 });
    assert.equal(await rig.settle(rig.display.pushFrame(testPattern())), false);
    assert.match(rig.display.health().detail, /ETIMEDOUT/);
    await rig.clock.advance(100);
    assert.equal(await rig.settle(rig.display.pushFrame(testPattern())), true);
    assert.equal(rig.display.health().status, 'ok');
  });

  it('open() on a panel that never answers resolves degraded instead of rejecting', async () => {
    const rig = emulatedRig();
    rig.bus.injectFault({ kind: 'gone' });
    await rig.settle(rig.display.open());
    assert.equal(rig.display.health().status, 'degraded');
  });

  it('the Pimoroni init (config init: pimoroni, row offset 0) brings the panel up and fills it', async () => {
    const rig = emulatedRig({ init: 'pimoroni', rowOffset: 0 });
    await rig.settle(rig.display.open());
    const order = rig.emulator.commands().map((c) => c.command);
    assert.deepEqual(order, [0x01, 0x36, 0xb2, 0x3a, 0xb7, 0xbb, 0xc0, 0xc2, 0xc3, 0xc4, 0xd0, 0xc6, 0xe0, 0xe1, 0x21, 0x11, 0x29]);
    assert.deepEqual(rig.emulator.commands()[1]!.params, [0x70]);
    assert.deepEqual(rig.emulator.violations(), []);
    await rig.settle(rig.display.pushFrame(new Uint16Array(W * W).fill(0x07e0)));
    const rgba = rig.emulator.readRgba();
    for (const [x, y] of [[0, 0], [239, 0], [0, 239], [239, 239], [120, 120]] as const) assert.deepEqual(pixel(rgba, x, y), [0, 255, 0, 255]);
  });

  it('toPng() encodes what readRgba() shows', async () => {
    const rig = emulatedRig();
    await rig.settle(rig.display.open());
    await rig.settle(rig.display.pushFrame(testPattern()));
    const png = PNG.sync.read(rig.emulator.toPng());
    assert.equal(png.width, 240);
    assert.equal(png.height, 240);
    assert.deepEqual(new Uint8Array(png.data), new Uint8Array(rig.emulator.readRgba().buffer));
  });
});

describe('ST7789 emulator rules', () => {
  /** Talks to the chip directly: DC level then bytes. */
  function talk(rig: ReturnType<typeof emulatedRig>) {
    const dc = rig.gpio.output(DC_LINE);
    return async (dcLevel: 0 | 1, ...bytes: number[]) => {
      await dc.write(dcLevel);
      rig.emulator.exchange(Uint8Array.from(bytes));
    };
  }

  it('rejects pixel data before init (asleep, 18-bit mode) and shows a dark screen', async () => {
    const rig = emulatedRig();
    const send = talk(rig);
    await rig.clock.advance(10);
    await send(0, 0x2c);
    await send(1, 0xf8, 0x00, 0xf8, 0x00);
    assert.equal(rig.emulator.rejectedPixelBytes, 4);
    assert.equal(rig.emulator.frames, 0);
    assert.deepEqual(pixel(rig.emulator.readRgba(), 0, 0), [0, 0, 0, 255]);
  });

  it('ignores a command sent too soon after SWRESET or SLPOUT and records the violation', async () => {
    const rig = emulatedRig();
    const send = talk(rig);
    await rig.clock.advance(10);
    await send(0, 0x01);
    await rig.clock.advance(2);
    await send(0, 0x11);
    assert.equal(rig.emulator.sleeping, true);
    assert.match(rig.emulator.violations()[0]!, /after SWRESET, expected >= 5 ms/);
    await rig.clock.advance(50);
    await send(0, 0x11);
    assert.equal(rig.emulator.sleeping, true, 'SLPOUT needs 120 ms after SWRESET');
    assert.match(rig.emulator.violations()[1]!, /expected >= 120 ms/);
    await rig.clock.advance(120);
    await send(0, 0x11);
    assert.equal(rig.emulator.sleeping, false);
  });

  it('ignores everything while RST is held low, and a reset pulse puts the chip back to sleep', async () => {
    const rig = emulatedRig();
    await rig.settle(rig.display.open());
    const rst = rig.gpio.output(RST_LINE);
    await rst.write(0);
    const send = talk(rig);
    await send(0, 0x29);
    assert.deepEqual(pixel(rig.emulator.readRgba(), 5, 5), [0, 0, 0, 255], 'dark in reset');
    await rst.write(1);
    await send(0, 0x00);
    assert.equal(rig.emulator.sleeping, true);
    assert.equal(rig.emulator.displayOn, false);
  });

  it('still sees a reset pulse after hours of traffic (the GPIO chip keeps only the latest writes of each line)', async () => {
    const rig = emulatedRig();
    await rig.settle(rig.display.open());
    const rst = rig.gpio.output(RST_LINE);
    const send = talk(rig);
    for (let round = 0; round < 16; round++) {
      // More RST writes than the chip keeps (a different number each round, so the history is
      // trimmed at every phase), then a pulse: each low write is one hardware reset.
      const before = rig.emulator.hardwareResets;
      for (let i = 0; i < 2 * GPIO_HISTORY_LIMIT + 97 * round; i++) await rst.write(1);
      await rst.write(0);
      await rst.write(1);
      await send(0, 0x00);
      assert.equal(rig.emulator.hardwareResets, before + 1, `round ${round}: the pulse was seen`);
      assert.equal(rig.emulator.sleeping, true);
    }
  });
});
