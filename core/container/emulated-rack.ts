import type { EmulatedAudioOutHandle } from '../devices/audio-out/create-audio-out';
import type { EmulatedDisplayHandle } from '../devices/display/create-display';
import type { EmulatedI2cGpioHardware } from '../devices/emulated-board';
import type { VirtualPanel } from '../devices/virtual-panel';

/**
 * The emulated module behind a virtual rack: the panel a replay, a test or the browser plays
 * (events enter at the chips), and the chips' own controls (faults, framebuffer, recorded audio).
 */
export interface EmulatedRack {
  readonly panel: VirtualPanel;
  /** ADS1015s, MS51, GPIO chips and the I2C buses, with their fault controls. */
  readonly i2cGpio: EmulatedI2cGpioHardware;
  /** The ST7789 emulator (readRgba, toPng) and its SPI bus (faults); absent if the display is real. */
  readonly display?: EmulatedDisplayHandle;
  /** The emulated sound card (recorded audio, disconnect/reconnect); absent if audio out is real. */
  readonly audio?: EmulatedAudioOutHandle;
}
