/** Builds WAV files byte by byte, for tests that need headers wavefile will not write. */
export interface WavSpec {
  readonly formatTag: number;
  readonly channels: number;
  readonly sampleRate: number;
  readonly bits: number;
  readonly data: Uint8Array;
  /** Chunks written between `fmt ` and `data`, e.g. `fact`, `PEAK`, `LIST`. */
  readonly extraChunks?: ReadonlyArray<{ id: string; body: Uint8Array }>;
  /** Write WAVE_FORMAT_EXTENSIBLE with this sub-format (1 PCM, 3 float) instead of `formatTag`. */
  readonly extensibleSubformat?: number;
  /** Override the size written in the `data` chunk header. */
  readonly declaredDataBytes?: number;
}

function chunk(id: string, body: Uint8Array, declared = body.length): Uint8Array {
  const out = new Uint8Array(8 + body.length + (body.length & 1));
  for (let i = 0; i < 4; i++) out[i] = id.charCodeAt(i);
  new DataView(out.buffer).setUint32(4, declared, true);
  out.set(body, 8);
  return out;
}

export function buildWav(spec: WavSpec): Uint8Array {
  const extensible = spec.extensibleSubformat !== undefined;
  const fmt = new Uint8Array(extensible ? 40 : 16);
  const v = new DataView(fmt.buffer);
  const blockAlign = (spec.channels * spec.bits) / 8;
  v.setUint16(0, extensible ? 0xfffe : spec.formatTag, true);
  v.setUint16(2, spec.channels, true);
  v.setUint32(4, spec.sampleRate, true);
  v.setUint32(8, spec.sampleRate * blockAlign, true);
  v.setUint16(12, blockAlign, true);
  v.setUint16(14, spec.bits, true);
  if (extensible) {
    v.setUint16(16, 22, true);
    v.setUint16(18, spec.bits, true);
    v.setUint32(20, 0, true);
    // KSDATAFORMAT_SUBTYPE_* GUID: format tag, then 0000-0010-8000-00aa00389b71
    v.setUint16(24, spec.extensibleSubformat!, true);
    fmt.set([0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71], 26);
  }
  const parts = [
    chunk('fmt ', fmt),
    ...(spec.extraChunks ?? []).map((c) => chunk(c.id, c.body)),
    chunk('data', spec.data, spec.declaredDataBytes),
  ];
  const bodyLength = parts.reduce((n, p) => n + p.length, 4);
  const out = new Uint8Array(8 + bodyLength);
  out.set([0x52, 0x49, 0x46, 0x46], 0);
  new DataView(out.buffer).setUint32(4, bodyLength, true);
  out.set([0x57, 0x41, 0x56, 0x45], 8);
  let at = 12;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Little-endian float32 bytes of `values`. */
export function float32Bytes(values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const v = new DataView(out.buffer);
  values.forEach((x, i) => v.setFloat32(i * 4, x, true));
  return out;
}

/** Little-endian int16 bytes of `values`. */
export function int16Bytes(values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 2);
  const v = new DataView(out.buffer);
  values.forEach((x, i) => v.setInt16(i * 2, x, true));
  return out;
}
