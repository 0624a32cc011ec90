/** The rack config's `devices.encoder` section after schema defaults. */
export interface EncoderConfig {
  readonly binding: 'real' | 'emulated';
  readonly bus: number;
  readonly address: number;
  readonly pins: { readonly a: number; readonly b: number; readonly common: number };
  readonly ledPins: { readonly r: number; readonly g: number; readonly b: number };
  readonly pollMs: number;
}
