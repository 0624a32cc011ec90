/**
 * Binary websocket messages from server to page: a 4-byte header (tag, then three zero bytes, so a
 * Float32 payload stays 4-byte aligned for `new Float32Array(buffer, 4)`) and the payload. Text
 * messages are JSON objects with a `type` (hello, state, error, ack, pairing).
 */
export const WIRE_HEADER_BYTES = 4;
export const WireTag = {
  /** A PNG of the 240x240 screen, sent only when the framebuffer changed. */
  ScreenPng: 1,
  /** Mono little-endian Float32 samples at the hello message's `audioRate`. */
  Audio: 2,
} as const;

export function wireMessage(tag: number, payload: Uint8Array): Buffer {
  const out = Buffer.alloc(WIRE_HEADER_BYTES + payload.byteLength);
  out[0] = tag;
  out.set(payload, WIRE_HEADER_BYTES);
  return out;
}
