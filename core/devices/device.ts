/** The six kinds of device a rack has; `doctor` reports each configured one. */
export type DeviceKind = 'cv-adc' | 'gate' | 'button' | 'encoder' | 'display' | 'audio-out';

/** `ok`: working. `degraded`: configured and present but failing (retrying). `missing`: absent. */
export type DeviceStatus = 'ok' | 'degraded' | 'missing';

export interface DeviceHealth {
  readonly status: DeviceStatus;
  /** One line for people: address or pins, and what is wrong when it is not ok. */
  readonly detail: string;
}

/**
 * What every driver offers the host, whatever the device.
 *
 * Obligations:
 * - `open()` brings the device up (init sequence, chip id check) and resolves even when the device
 *   fails: the failure shows in `health()`, never as a rejection that would half-wire the host.
 *   It rejects only for a configuration that cannot work (bad bus, address or pin in the rack).
 * - `health()` is cheap and synchronous; it reflects the latest transaction's outcome, so it reads
 *   `degraded` while a fault persists and `ok` again once transactions succeed.
 * - Nothing a driver does throws into the scheduler: periodic work catches, retries with a bounded
 *   backoff, and keeps the last good value.
 * - `close()` releases the bus, lines and handles; it is idempotent.
 */
export interface Device {
  readonly id: string;
  readonly kind: DeviceKind;
  /** `real` (talks to hardware) or `emulated` (talks to a chip emulator on an emulated bus). */
  readonly binding: 'real' | 'emulated';
  /** Where it is: "i2c-1 0x48", "spidev0.0 dc=13 rst=15", "alsa 'pcm5102a'". */
  readonly address: string;
  open(): Promise<void>;
  health(): DeviceHealth;
  close(): Promise<void>;
}
