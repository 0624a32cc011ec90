/* Generated from schemas/rack.schema.json by scripts/schema-types.ts (npm run schemas:types); do not edit. */

/**
 * 7-bit I2C address (decimal in JSON: 0x48 = 72).
 *
 * This interface was referenced by `RackConfig`'s JSON-Schema
 * via the `definition` "i2cAddress".
 */
export type I2CAddress = number;
/**
 * A GPIO line: either a chip label (substring of /sys/class/gpio/gpiochip* /label) and an offset, resolved to base + offset at start-up, or an absolute sysfs number.
 *
 * This interface was referenced by `RackConfig`'s JSON-Schema
 * via the `definition` "gpioPin".
 */
export type GpioPin =
  | {
      chip: string;
      offset: number;
    }
  | {
      sysfs: number;
    };
/**
 * `real` talks to the hardware, `emulated` to a register-level emulator on an emulated bus.
 *
 * This interface was referenced by `RackConfig`'s JSON-Schema
 * via the `definition` "binding".
 */
export type Binding = 'real' | 'emulated';

/**
 * One Neurorack module as data: which binding drives each device, on which bus, address and pins, the audio device, CV calibration and what each jack is assigned to. Built-in profiles are rack configs; a user may write their own and pass it with --rack.
 */
export interface RackConfig {
  $schema?: string;
  /**
   * Profile name shown by doctor.
   */
  name: string;
  /**
   * The board this rack runs on.
   */
  board: 'virtual' | 'jetson-nano-v1' | 'rpi5' | 'test';
  description?: string;
  /**
   * A board layout (core/boards/<layout>.board.json) this file overlays: the loader merges the file over the board's devices before validating, and drops this key. Without it the file is a whole rack.
   */
  layout?: string;
  /**
   * virtual: time moves only when a replay or test advances it.
   */
  clock: 'monotonic' | 'virtual';
  /**
   * own: CV scans, gates, mappings, renders and triggers run on a control thread of their own at a raised priority, so nothing the main thread does (screen, web server, menu) delays a gate. It needs the monotonic clock, an audio device the audio worker writes itself and ADC or real GPIO gates; otherwise they stay on the main thread. main: always on the main thread.
   */
  controlThread: 'own' | 'main';
  devices: {
    cvAdc: {
      /**
       * `real` talks to the hardware, `emulated` to a register-level emulator on an emulated bus.
       */
      binding: 'real' | 'emulated';
      bus: number;
      /**
       * @minItems 1
       * @maxItems 4
       */
      chips: {
        address: I2CAddress;
        variant: 'ads1015' | 'ads1115';
      }[];
      /**
       * Samples per second per conversion.
       */
      dataRate: 128 | 250 | 490 | 920 | 1600 | 2400 | 3300;
      /**
       * ADC full-scale range at the pin.
       */
      pgaVolts: 6.144 | 4.096 | 2.048 | 1.024 | 0.512 | 0.256;
      /**
       * Breakout input divider: (8.06M + 402k) / 402k.
       */
      dividerRatio: number;
      scanHz: number;
      /**
       * Conversions per second per CV jack between the scans, at most, while the ADC gates are polled; 0 reads the jacks only in the scans. A gate's scan then finds each polled jack already read since its edge instead of converting it after it. The gates' polls come first: a jack on a chip whose gates take every free conversion (the v1 board's CV 1) stays scanned only; on the v1 board's second chip CVs 2-4 get about 930 Hz each. Each conversion is two I2C transactions: a real bus must carry them (about 0.2 ms each at 400 kHz).
       */
      jackPollHz: number;
      /**
       * @maxItems 4
       */
      jacks: CvJack[];
    };
    gates: {
      /**
       * `real` talks to the hardware, `emulated` to a register-level emulator on an emulated bus.
       */
      binding: 'real' | 'emulated';
      /**
       * ADC gates: fire when the jack exceeds reference + this.
       */
      thresholdVolts: number;
      /**
       * ADC gates: a gate falls (and re-arms) no sooner than this after it rose; 0.01 plays gates up to about 50 Hz. The original v1 firmware waited 0.1 s (at most 10 triggers a second); the jetson-nano-v1 profile keeps that.
       */
      rearmSeconds: number;
      /**
       * ADC gates: conversions per second per gate between the CV scans, at most; 0 reads the gates only with the CVs (scanHz). The chip's data rate less the CV scans on it bounds the rate (an ADS1015 at 3300 SPS with one CV at 200 Hz leaves about 1290 Hz for each of two gates).
       */
      pollHz: number;
      debounceMs: number;
      /**
       * @maxItems 2
       */
      jacks: GateJack[];
    };
    button: {
      /**
       * `real` talks to the hardware, `emulated` to a register-level emulator on an emulated bus.
       */
      binding: 'real' | 'emulated';
      pin: GpioPin;
      activeLow: boolean;
      debounceMs: number;
      longPressMs: number;
    };
    encoder: {
      /**
       * `real` talks to the hardware, `emulated` to a register-level emulator on an emulated bus.
       */
      binding: 'real' | 'emulated';
      bus: number;
      /**
       * 7-bit I2C address (decimal in JSON: 0x48 = 72).
       */
      address: number;
      pins: {
        a: number;
        b: number;
        common: number;
      };
      ledPins: {
        r: number;
        g: number;
        b: number;
      };
      pollMs: number;
    };
    display: {
      /**
       * `real` talks to the hardware, `emulated` to a register-level emulator on an emulated bus.
       */
      binding: 'real' | 'emulated';
      spiBus: number;
      spiDevice: number;
      speedHz: number;
      dc?: GpioPin;
      rst?: GpioPin;
      width: 240;
      height: 240;
      rowOffset: number;
      init: 'adafruit' | 'pimoroni';
      fps: number;
    };
    audioOut: {
      /**
       * `real` talks to the hardware, `emulated` to a register-level emulator on an emulated bus.
       */
      binding: 'real' | 'emulated';
      /**
       * Substring of the PortAudio device name (never an index).
       */
      device: string;
      sampleRate: 44100 | 48000;
      channels: 1 | 2;
      latencyMs: number;
    };
  };
  audio: {
    /**
     * Frames per audio block at the model rate.
     */
    blockSize: number;
    polyphony: number;
    volume: number;
    grainMs: number;
    grainOverlap: number;
  };
  model: {
    /**
     * Model folder id loaded at boot.
     */
    default: string;
    intraOpThreads: number;
    interOpThreads: number;
    /**
     * Model threads per loaded model that progressive renders share: with 2, a new render's first chunk starts at once instead of waiting for the chunk an older (now stale) render is on; with 3, the third is kept for the first chunk a stepped gate's voice waits for (RenderTarget.urgent) when the first is busy.
     */
    renderLanes: number;
    /**
     * Model registries (the http(s) URL of each index.json, as `neurorack model index` writes it): the panel lists their models and installs one, verified as `model install ID --registry` verifies it. Settable from the panel.
     *
     * @maxItems 16
     */
    registries: string[];
  };
  /**
   * Which cv-mapping plugin entry each jack drives (plugin-id/mapping-id or mapping-id).
   */
  assignments: {
    cv1: string;
    cv2: string;
    cv3: string;
    cv4: string;
    gate1: 'trigger' | 'loop' | 'none';
    gate2: 'trigger' | 'loop' | 'none';
  };
  /**
   * Extra folders holding plugin folders, relative to the rack file.
   */
  pluginDirs: string[];
  banks: {
    /**
     * Community bank registries (the http(s) URL of each index.json, as `neurorack bank index` writes it): the panel and the menu's Banks page list their banks and install one, verified as `bank install ID --registry` verifies it. Settable from the panel.
     *
     * @maxItems 16
     */
    registries: string[];
  };
  web: {
    host: string;
    port: number;
  };
}
/**
 * This interface was referenced by `RackConfig`'s JSON-Schema
 * via the `definition` "cvJack".
 */
export interface CvJack {
  jack: number;
  chip: I2CAddress;
  /**
   * AIN0..AIN2, measured against the reference on AIN3.
   */
  channel: number;
  range: 'bipolar-5v' | 'unipolar-10v';
  calibration: Calibration;
}
/**
 * jack volts = (raw volts - offset) * gain
 */
export interface Calibration {
  offset: number;
  gain: number;
}
/**
 * This interface was referenced by `RackConfig`'s JSON-Schema
 * via the `definition` "gateJack".
 */
export interface GateJack {
  jack: number;
  adc?: {
    chip: I2CAddress;
    channel: number;
  };
  gpio?: GpioPin;
}
/**
 * jack volts = (raw volts - offset) * gain
 *
 * This interface was referenced by `RackConfig`'s JSON-Schema
 * via the `definition` "calibration".
 */
export interface Calibration1 {
  offset: number;
  gain: number;
}
