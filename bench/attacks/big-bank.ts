import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { buildBank } from '../../core/banks/bank-build';
import { packBank } from '../../core/banks/bank-pack';
import type { BankEntry } from '../../core/banks/descriptor-bank';
import { shippedEntries } from './shipped-frames';

/** Frames per entry of the big bank. */
const ENTRY_FRAMES = 200;

/**
 * A valid .nrbank that is small packed and large unpacked (issue #27: 373 KB unpacking to 52 MB):
 * entries of ENTRY_FRAMES shipped frames each, as many as make about `unpackedBytes` of JSON.
 * Built and validated by the bank tools (buildBank, packBank), so the host must take it.
 */
export function bigPackedBank(id: string, unpackedBytes: number): { packed: Buffer; unpackedBytes: number; entries: number; frames: number } {
  const frames = shippedEntries().flatMap((e) => e.frames);
  const frameBytes = frames.reduce((n, f) => n + JSON.stringify(f).length + 1, 0) / frames.length;
  const count = Math.ceil(unpackedBytes / (ENTRY_FRAMES * frameBytes));
  const entries: BankEntry[] = Array.from({ length: count }, (_, i) => {
    const name = `curve-${String(i + 1).padStart(5, '0')}`;
    return {
      name, tags: [],
      source: { file: `${name}.wav`, sha256: createHash('sha256').update(name).digest('hex') },
      frames: Array.from({ length: ENTRY_FRAMES }, (_, k) => frames[k % frames.length]!),
    };
  });
  const bank = buildBank({ id, name: 'Bench big bank', description: 'bench:attacks: a small upload that unpacks large' }, entries, `${id}.nrbank`);
  const packed = packBank(bank);
  return { packed, unpackedBytes: Buffer.byteLength(JSON.stringify({ format: 'neurorack-nrbank', formatVersion: 1, sha256: bank.contentHash, bank })), entries: count, frames: count * ENTRY_FRAMES };
}

/**
 * A gzip bomb in .nrbank clothing: `unpackedBytes` of JSON whitespace compressed to a few hundred
 * KB. Built chunk by chunk, so the bench never holds it unpacked.
 */
export function packedWhitespace(unpackedBytes: number): Buffer {
  const chunk = Buffer.alloc(2 ** 20, 0x20);
  // Concatenated gzip members are one valid gzip stream (RFC 1952), which gunzip reads through.
  const members: Buffer[] = [];
  const one = gzipSync(chunk, { level: 9 });
  for (let n = 0; n < unpackedBytes; n += chunk.length) members.push(one);
  return Buffer.concat(members);
}
