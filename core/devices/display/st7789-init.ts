import { ST7789 } from './st7789-commands';

/** One step of an init sequence: a command, its parameter bytes, and how long to wait after it. */
export interface InitStep {
  readonly command: number;
  readonly data?: readonly number[];
  readonly delayMs?: number;
}

export type St7789InitName = 'adafruit' | 'pimoroni';

/**
 * The init sequences. `window` is the full-screen CASET/RASET with the offsets included.
 * Delays: the datasheet wants 120 ms after SWRESET before SLPOUT and 5 ms after SLPOUT before the
 * next command; both sequences honour that (Pimoroni's own library omits the 5 ms after SLPOUT).
 */
export function st7789InitSequence(name: St7789InitName, window: { caset: number[]; raset: number[] }): InitStep[] {
  if (name === 'pimoroni') {
    return [
      { command: ST7789.SWRESET, delayMs: 150 },
      { command: ST7789.MADCTL, data: [0x70] },
      { command: ST7789.PORCTRL, data: [0x0c, 0x0c, 0x00, 0x33, 0x33] },
      { command: ST7789.COLMOD, data: [0x05] },
      { command: ST7789.GCTRL, data: [0x14] },
      { command: ST7789.VCOMS, data: [0x37] },
      { command: ST7789.LCMCTRL, data: [0x2c] },
      { command: ST7789.VDVVRHEN, data: [0x01] },
      { command: ST7789.VRHS, data: [0x12] },
      { command: ST7789.VDVS, data: [0x20] },
      { command: ST7789.PWCTRL1, data: [0xa4, 0xa1] },
      { command: ST7789.FRCTRL2, data: [0x0f] },
      { command: ST7789.PVGAMCTRL, data: [0xd0, 0x04, 0x0d, 0x11, 0x13, 0x2b, 0x3f, 0x54, 0x4c, 0x18, 0x0d, 0x0b, 0x1f, 0x23] },
      { command: ST7789.NVGAMCTRL, data: [0xd0, 0x04, 0x0c, 0x11, 0x13, 0x2c, 0x3f, 0x44, 0x51, 0x2f, 0x1f, 0x1f, 0x20, 0x23] },
      { command: ST7789.INVON },
      { command: ST7789.SLPOUT, delayMs: 5 },
      { command: ST7789.DISPON, delayMs: 100 },
    ];
  }
  // Adafruit rgb_display (the v1 driver); it relies on its reset pulse for the SWRESET wait.
  return [
    { command: ST7789.SWRESET, delayMs: 150 },
    { command: ST7789.SLPOUT, delayMs: 5 },
    { command: ST7789.COLMOD, data: [0x55] },
    { command: ST7789.MADCTL, data: [0x08] },
    { command: ST7789.CASET, data: window.caset },
    { command: ST7789.RASET, data: window.raset },
    { command: ST7789.INVON },
    { command: ST7789.NORON },
    { command: ST7789.DISPON },
    { command: ST7789.MADCTL, data: [0xc0] },
  ];
}

/** CASET/RASET parameters: big-endian 16-bit start and end (inclusive). */
export function addressWindow(start: number, endInclusive: number): number[] {
  return [start >> 8, start & 0xff, endInclusive >> 8, endInclusive & 0xff];
}
