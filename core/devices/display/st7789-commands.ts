/** ST7789 command bytes (datasheet section 9) used by the driver and understood by the emulator. */
export const ST7789 = {
  NOP: 0x00,
  SWRESET: 0x01,
  SLPIN: 0x10,
  SLPOUT: 0x11,
  NORON: 0x13,
  INVOFF: 0x20,
  INVON: 0x21,
  DISPOFF: 0x28,
  DISPON: 0x29,
  CASET: 0x2a,
  RASET: 0x2b,
  RAMWR: 0x2c,
  MADCTL: 0x36,
  COLMOD: 0x3a,
  PORCTRL: 0xb2,
  GCTRL: 0xb7,
  VCOMS: 0xbb,
  LCMCTRL: 0xc0,
  VDVVRHEN: 0xc2,
  VRHS: 0xc3,
  VDVS: 0xc4,
  FRCTRL2: 0xc6,
  PWCTRL1: 0xd0,
  PVGAMCTRL: 0xe0,
  NVGAMCTRL: 0xe1,
} as const;

/** MADCTL bits. */
export const MADCTL = { MY: 0x80, MX: 0x40, MV: 0x20, ML: 0x10, BGR: 0x08 } as const;

/** The controller's frame memory: 240 columns by 320 rows, whatever the glass shows of it. */
export const ST7789_RAM_COLUMNS = 240;
export const ST7789_RAM_ROWS = 320;
