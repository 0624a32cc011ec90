/**
 * Registers of the Nuvoton MS51 "IO Expander" firmware (Pimoroni RGB encoder breakout), from
 * hardware-facts.md. Single-byte registers, written as [reg, value], read as [reg] then 1 byte.
 */
export const IOE_CHIP_ID = 0xe26a;
export const REG_CHIP_ID_L = 0xfa;
export const REG_CHIP_ID_H = 0xfb;
export const REG_VERSION = 0xfc;
export const REG_CTRL = 0xfe;
export const CTRL_RESET = 0x02;
export const REG_USER_FLASH = 0xd0;
export const USER_FLASH_READY = 0x78;
export const REG_INT = 0xf9;

export const REG_ENC_EN = 0x04;
export const REG_ENC_CFG = [0x05, 0x07, 0x09, 0x0b] as const;
export const REG_ENC_COUNT = [0x06, 0x08, 0x0a, 0x0c] as const;

export const REG_P0M1 = 0x71;
export const REG_P0M2 = 0x72;
export const REG_P1M1 = 0x73;
export const REG_P1M2 = 0x74;
export const REG_P3M1 = 0x6c;
export const REG_P3M2 = 0x6d;
export const REG_P0S = 0xc2;
export const REG_P1S = 0xc4;
export const REG_P3S = 0xc0;
/** Bit-addressed port registers: write 0b1000|bit to set a bit, bit alone to clear it. */
export const REG_PORT = { 0: 0x40, 1: 0x50, 2: 0x60, 3: 0x70 } as const;

export const REG_PWMPL = 0x99;
export const REG_PWMPH = 0x91;
/** Duty low/high registers by PWM channel 0..5 (not consecutive). */
export const REG_PWM_DUTY_L = [0x9a, 0x9b, 0x9c, 0x9d, 0xca, 0xcb] as const;
export const REG_PWM_DUTY_H = [0x92, 0x93, 0x94, 0x95, 0xc7, 0xc8] as const;
export const REG_PWMCON0 = 0x98;
export const PWMCON0_RUN = 0x80;
export const PWMCON0_LOAD = 0x40;
export const PWMCON0_CLRPWM = 0x10;
export const REG_PWMCON1 = 0x9f;
export const REG_PNP = 0x96;
export const REG_PIOCON0 = 0x9e;
export const REG_PIOCON1 = 0xc9;

/** (M1, M2) pairs: 00 quasi-bidirectional, 01 push-pull, 10 input, 11 open-drain. */
export type PinMode = 'quasi' | 'push-pull' | 'input' | 'open-drain';

export interface IoePin {
  readonly port: 0 | 1 | 3;
  readonly bit: number;
  /** PWM channel and the PIOCON register that routes it to this pin; absent on ADC-only pins. */
  readonly pwm?: { readonly channel: number; readonly piocon: number };
}

/** The breakout's pins 1..14 (index 0 = pin 1), as the Pimoroni ioe-python library maps them. */
export const IOE_PINS: readonly IoePin[] = [
  { port: 1, bit: 5, pwm: { channel: 5, piocon: REG_PIOCON1 } },
  { port: 1, bit: 0, pwm: { channel: 2, piocon: REG_PIOCON0 } },
  { port: 1, bit: 2, pwm: { channel: 0, piocon: REG_PIOCON0 } },
  { port: 1, bit: 4, pwm: { channel: 1, piocon: REG_PIOCON1 } },
  { port: 0, bit: 0, pwm: { channel: 3, piocon: REG_PIOCON0 } },
  { port: 0, bit: 1, pwm: { channel: 4, piocon: REG_PIOCON0 } },
  { port: 1, bit: 1, pwm: { channel: 1, piocon: REG_PIOCON0 } },
  { port: 0, bit: 3, pwm: { channel: 5, piocon: REG_PIOCON0 } },
  { port: 0, bit: 4, pwm: { channel: 3, piocon: REG_PIOCON1 } },
  { port: 3, bit: 0 },
  { port: 0, bit: 6 },
  { port: 0, bit: 5, pwm: { channel: 2, piocon: REG_PIOCON1 } },
  { port: 0, bit: 7 },
  { port: 1, bit: 7 },
];

export function modeRegisters(port: 0 | 1 | 3): { m1: number; m2: number; schmitt: number } {
  if (port === 0) return { m1: REG_P0M1, m2: REG_P0M2, schmitt: REG_P0S };
  if (port === 1) return { m1: REG_P1M1, m2: REG_P1M2, schmitt: REG_P1S };
  return { m1: REG_P3M1, m2: REG_P3M2, schmitt: REG_P3S };
}

/** PWMCON1 divider code for a divider of 1, 2, 4 ... 128. */
export function pwmDividerCode(divider: number): number {
  const code = Math.log2(divider);
  if (!Number.isInteger(code) || code < 0 || code > 7) throw new RangeError(`PWM divider ${divider} is not a power of two from 1 to 128`);
  return code;
}
