import { gzipSync } from 'node:zlib';

/** A small seeded generator (mulberry32): the same seed, the same cases. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const HOSTILE: unknown[] = [
  null, true, 0, -1, 1e308, -1e308, 2 ** 53, 0.5, '', ' ', 'CON', 'a\u202eb', 'x\u200by', '../../etc/passwd', 'é'.repeat(300),
  [], {}, [[]], { __proto__: { polluted: true } }, { constructor: { prototype: { x: 1 } } }, '1e999', 'NaN', Array.from({ length: 40 }, () => 1),
];

/** One random change to a JSON document: a value replaced, a key dropped or added, an array element doubled or removed. */
export function mutate(doc: unknown, rnd: () => number): unknown {
  const copy = JSON.parse(JSON.stringify(doc)) as unknown;
  const containers: Array<Record<string, unknown> | unknown[]> = [];
  const walk = (v: unknown, depth: number): void => {
    if (v === null || typeof v !== 'object' || depth > 6) return;
    containers.push(v as Record<string, unknown>);
    for (const x of Object.values(v as object).slice(0, 12)) walk(x, depth + 1);
  };
  walk(copy, 0);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const changes = 1 + Math.floor(rnd() * 3);
  for (let n = 0; n < changes; n++) {
    const c = pick(containers);
    const keys = Object.keys(c);
    const op = rnd();
    if (Array.isArray(c)) {
      if (op < 0.3 && c.length) c.splice(Math.floor(rnd() * c.length), 1);
      else if (op < 0.5 && c.length) c.push(JSON.parse(JSON.stringify(pick(c))));
      else if (c.length) c[Math.floor(rnd() * c.length)] = pick(HOSTILE);
    } else if (op < 0.25 && keys.length) delete c[pick(keys)];
    else if (op < 0.4) c[pick(['extra', '__proto__', 'id', 'constructor', 'x'])] = pick(HOSTILE);
    else if (keys.length) c[pick(keys)] = pick(HOSTILE);
  }
  return copy;
}

/** Text-level damage: truncation, a byte flipped, a duplicate key. */
export function damageText(text: string, rnd: () => number): string {
  const op = rnd();
  if (op < 0.4) return text.slice(0, Math.floor(rnd() * text.length));
  if (op < 0.8) {
    const i = Math.floor(rnd() * text.length);
    return text.slice(0, i) + String.fromCharCode(Math.floor(rnd() * 128)) + text.slice(i + 1);
  }
  return text.replace('{', '{"format":"x",');
}

/** What a fuzzer mutates: a valid document, and how it is written (JSON unless `encode` says). */
export interface FuzzTarget {
  readonly name: string;
  readonly original: unknown;
  /** The bytes of a document (a packed bank); JSON text when absent. */
  readonly encode?: (doc: unknown) => Uint8Array | string;
}

/**
 * One case's bytes: the document mutated (mutate), then one time in five damaged as text
 * (damageText), or for an encoded target either a damaged envelope gzipped or its bytes cut short.
 */
export function caseBytes(target: FuzzTarget, rnd: () => number): Uint8Array | string {
  const doc = mutate(target.original, rnd);
  const bytes: Uint8Array | string = target.encode ? target.encode(doc) : JSON.stringify(doc);
  if (rnd() >= 0.2) return bytes;
  if (!target.encode) return damageText(bytes as string, rnd);
  return rnd() < 0.5
    ? gzipSync(damageText(JSON.stringify({ format: 'neurorack-nrbank', formatVersion: 1, sha256: 'x', bank: doc }), rnd))
    : Buffer.from(bytes).subarray(0, Math.floor(rnd() * bytes.length));
}
