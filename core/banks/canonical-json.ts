/**
 * Canonical JSON (the RFC 8785 "JCS" rules as they apply to bank documents): object keys sorted by
 * UTF-16 code units, no whitespace, strings escaped as JSON.stringify does, numbers in ECMAScript's
 * shortest round-trip form (so -0 is written 0). Two documents with equal content give equal text.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  write(value, out, '');
  return out.join('');
}

function write(value: unknown, out: string[], pointer: string): void {
  if (value === null) {
    out.push('null');
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`canonical JSON has no form for ${value} at ${pointer || '/'}`);
    out.push(Object.is(value, -0) ? '0' : String(value));
  } else if (typeof value === 'string' || typeof value === 'boolean') {
    out.push(JSON.stringify(value));
  } else if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(',');
      write(value[i], out, `${pointer}/${i}`);
    }
    out.push(']');
  } else if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
    out.push('{');
    keys.forEach((k, i) => {
      if (i > 0) out.push(',');
      out.push(JSON.stringify(k), ':');
      write(obj[k], out, `${pointer}/${k}`);
    });
    out.push('}');
  } else {
    throw new TypeError(`canonical JSON has no form for a ${typeof value} at ${pointer || '/'}`);
  }
}
