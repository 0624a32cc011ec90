/* Generated from schemas/board.schema.json by scripts/schema-types.ts (npm run schemas:types); do not edit. */

export type GateJack = {
  jack: number;
  adc?: {
    /**
     * 7-bit I2C address (decimal in JSON: 0x48 = 72).
     */
    chip: number;
    channel: number;
  };
  /**
   * A GPIO line: either a chip label (substring of /sys/class/gpio/gpiochip* /label) and an offset, resolved to base + offset at start-up, or an absolute sysfs number.
   */
  gpio?:
    | {
        chip: string;
        offset: number;
      }
    | {
        sysfs: number;
      };
} & {
  [k: string]: unknown | undefined;
};

/**
 * One module's wiring as data (core/boards/<id>.board.json): its jacks, ADC chips, pins, bus addresses and device formats, without bindings. A rack file that names it in `layout` is an overlay: the loader merges the file over the board's devices (device by device; each setting the file gives replaces the board's whole) and validates the result as a rack config.
 */
export interface BoardLayout {
  $schema?: string;
  /**
   * The board's name, as a rack's `layout` names it; the file is core/boards/<id>.board.json.
   */
  id: string;
  description?: string;
  devices: Devices;
}
/**
 * The devices as a rack config has them (rack.schema.json, `devices`), usually without bindings: the overlay chooses real or emulated.
 */
export interface Devices {
  cvAdc: {
    /**
     * `real` talks to the hardware, `emulated` to a register-level emulator on an emulated bus.
     */
    binding?: 'real' | 'emulated';
    bus?: number;
    /**
     * @minItems 1
     * @maxItems 4
     */
    chips: {
      /**
       * 7-bit I2C address (decimal in JSON: 0x48 = 72).
       */
      address: number;
      variant?: 'ads1015' | 'ads1115';
    }[];
    /**
     * Samples per second per conversion.
     */
    dataRate?: 128 | 250 | 490 | 920 | 1600 | 2400 | 3300;
    /**
     * ADC full-scale range at the pin.
     */
    pgaVolts?: 6.144 | 4.096 | 2.048 | 1.024 | 0.512 | 0.256;
    /**
     * Breakout input divider: (8.06M + 402k) / 402k.
     */
    dividerRatio?: number;
    scanHz?: number;
    /**
     * Conversions per second per CV jack between the scans, at most, while the ADC gates are polled; 0 reads the jacks only in the scans. A gate's scan then finds each polled jack already read since its edge instead of converting it after it. The gates' polls come first: a jack on a chip whose gates take every free conversion (the v1 board's CV 1) stays scanned only; on the v1 board's second chip CVs 2-4 get about 930 Hz each. Each conversion is two I2C transactions: a real bus must carry them (about 0.2 ms each at 400 kHz).
     */
    jackPollHz?: number;
    /**
     * @maxItems 4
     */
    jacks: CvJack[];
  };
  gates: {
    /**
     * `real` talks to the hardware, `emulated` to a register-level emulator on an emulated bus.
     */
    binding?: 'real' | 'emulated';
    /**
     * ADC gates: fire when the jack exceeds reference + this.
     */
    thresholdVolts?: number;
    /**
     * ADC gates: a gate falls (and re-arms) no sooner than this after it rose; 0.01 plays gates up to about 50 Hz. The original v1 firmware waited 0.1 s (at most 10 triggers a second); the jetson-nano-v1 profile keeps that.
     */
    rearmSeconds?: number;
    /**
     * ADC gates: conversions per second per gate between the CV scans, at most; 0 reads the gates only with the CVs (scanHz). The chip's data rate less the CV scans on it bounds the rate (an ADS1015 at 3300 SPS with one CV at 200 Hz leaves about 1290 Hz for each of two gates).
     */
    pollHz?: number;
    debounceMs?: number;
    /**
     * @maxItems 2
     */
    jacks: GateJack[];
  };
  button: {
    /**
     * `real` talks to the hardware, `emulated` to a register-level emulator on an emulated bus.
     */
    binding?: 'real' | 'emulated';
    /**
     * A GPIO line: either a chip label (substring of /sys/class/gpio/gpiochip* /label) and an offset, resolved to base + offset at start-up, or an absolute sysfs number.
     */
    pin:
      | {
          chip: string;
          offset: number;
        }
      | {
          sysfs: number;
        };
    activeLow?: boolean;
    debounceMs?: number;
    longPressMs?: number;
  };
  encoder: {
    /**
     * `real` talks to the hardware, `emulated` to a register-level emulator on an emulated bus.
     */
    binding?: 'real' | 'emulated';
    bus?: number;
    /**
     * 7-bit I2C address (decimal in JSON: 0x48 = 72).
     */
    address?: number;
    pins?: {
      a?: number;
      b?: number;
      common?: number;
    };
    ledPins?: {
      r?: number;
      g?: number;
      b?: number;
    };
    pollMs?: number;
  };
  display: {
    /**
     * `real` talks to the hardware, `emulated` to a register-level emulator on an emulated bus.
     */
    binding?: 'real' | 'emulated';
    spiBus?: number;
    spiDevice?: number;
    speedHz?: number;
    /**
     * A GPIO line: either a chip label (substring of /sys/class/gpio/gpiochip* /label) and an offset, resolved to base + offset at start-up, or an absolute sysfs number.
     */
    dc?:
      | {
          chip: string;
          offset: number;
        }
      | {
          sysfs: number;
        };
    /**
     * A GPIO line: either a chip label (substring of /sys/class/gpio/gpiochip* /label) and an offset, resolved to base + offset at start-up, or an absolute sysfs number.
     */
    rst?:
      | {
          chip: string;
          offset: number;
        }
      | {
          sysfs: number;
        };
    width?: 240;
    height?: 240;
    rowOffset?: number;
    init?: 'adafruit' | 'pimoroni';
    fps?: number;
  };
  audioOut: {
    /**
     * `real` talks to the hardware, `emulated` to a register-level emulator on an emulated bus.
     */
    binding?: 'real' | 'emulated';
    /**
     * Substring of the PortAudio device name (never an index).
     */
    device?: string;
    sampleRate?: 44100 | 48000;
    channels?: 1 | 2;
    latencyMs?: number;
  };
}
export interface CvJack {
  jack: number;
  /**
   * 7-bit I2C address (decimal in JSON: 0x48 = 72).
   */
  chip: number;
  /**
   * AIN0..AIN2, measured against the reference on AIN3.
   */
  channel: number;
  range?: 'bipolar-5v' | 'unipolar-10v';
  calibration?: Calibration;
}
/**
 * jack volts = (raw volts - offset) * gain
 */
export interface Calibration {
  offset?: number;
  gain?: number;
}
