import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildBank } from '../../../core/banks/bank-build';
import type { BankEntry, DescriptorBank } from '../../../core/banks/descriptor-bank';

/** A plausible frame: rms, zcr, rolloff, flatness, bandwidth, centroid, f0. */
export function frame(i: number): number[] {
  return [0.1 / (i + 1), 0.05 + 0.01 * i, 3000 - 100 * i, 0.01, 1200, 1500 - 50 * i, 220];
}

export function entry(name: string, frames = 4): BankEntry {
  return {
    name,
    tags: [],
    source: { file: `${name}.wav`, sha256: 'ab'.repeat(32) },
    frames: Array.from({ length: frames }, (_, i) => frame(i)),
  };
}

/** A small valid bank (two entries) built with the bank tools. */
export function smallBank(id = 'test-bank', version = '1.0.0'): DescriptorBank {
  return buildBank({ id, name: 'Test bank', author: 'Tester', licence: 'CC0-1.0', version }, [entry('hit-a'), entry('hit-b', 6)], 'test');
}

/** A deep copy as plain JSON data, the way a received bank arrives. */
export function asReceived<T>(value: T): any {
  return JSON.parse(JSON.stringify(value));
}

const made: string[] = [];
process.once('exit', () => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A fresh temporary folder, removed when the test process exits. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `neurorack-${prefix}-`));
  made.push(dir);
  return dir;
}

/** Every file and folder below `dir`, relative, sorted ("nothing is written" checks). */
export function listTree(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string, rel: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      out.push(r);
      if (e.isDirectory()) walk(path.join(d, e.name), r);
    }
  };
  walk(dir, '');
  return out.sort();
}

/** Asserts a function throws a NeurorackError with `code` (and `pointer`, when given). */
export function errorWith(code: string, pointer?: string): (err: unknown) => boolean {
  return (err: unknown) => {
    const e = err as { code?: string; location?: { pointer?: string } };
    if (e.code !== code) throw new Error(`expected ${code}, got ${e.code}: ${(err as Error).message}`);
    if (pointer !== undefined && e.location?.pointer !== pointer) throw new Error(`expected pointer ${pointer}, got ${e.location?.pointer}: ${(err as Error).message}`);
    return true;
  };
}
