import { NeurorackError } from '../errors/neurorack-error';
import { DESCRIPTOR_ORDER, type DescriptorBank } from './descriptor-bank';
import { DESCRIPTOR_LIMITS } from './descriptor-limits';
import { assertEntryName } from './entry-name';

/**
 * The checks JSON Schema cannot express, on a schema-valid bank: every value finite and within its
 * descriptor's physical limits and within the range the bank declares, declared ranges sane, every
 * frame 7 wide, no empty curve, entry names safe and unique. Throws on the first problem, naming
 * `file` and the JSON pointer (e.g. /entries/3/frames/12/4).
 */
export function checkBankValues(bank: DescriptorBank, file: string): void {
  bank.descriptors.forEach((d, k) => {
    const limits = DESCRIPTOR_LIMITS[DESCRIPTOR_ORDER[k]!];
    for (const bound of ['min', 'max'] as const) {
      const v = d[bound];
      if (!Number.isFinite(v)) throw valueError(`declared ${bound} of ${d.name} is ${v}; expected a finite number`, file, `/descriptors/${k}/${bound}`);
      if (v < limits.min || v > limits.max) throw valueError(`declared ${bound} of ${d.name} is ${v}; expected a value in [${limits.min}, ${limits.max}]`, file, `/descriptors/${k}/${bound}`);
    }
    if (d.min > d.max) throw valueError(`declared range of ${d.name} is [${d.min}, ${d.max}]; expected min <= max`, file, `/descriptors/${k}`);
  });

  const seen = new Map<string, number>();
  bank.entries.forEach((entry, i) => {
    assertEntryName(entry.name, file, `/entries/${i}/name`);
    const earlier = seen.get(entry.name);
    if (earlier !== undefined) {
      throw new NeurorackError('NR_BANK_INVALID', `entry name ${JSON.stringify(entry.name)} is already used by /entries/${earlier}; expected unique names`, { file, pointer: `/entries/${i}/name` });
    }
    seen.set(entry.name, i);
    if (entry.frames.length === 0) throw new NeurorackError('NR_BANK_INVALID', 'the curve has no frames; expected at least one', { file, pointer: `/entries/${i}/frames` });
    checkFrames(entry.frames, bank, file, i);
  });
}

function checkFrames(frames: number[][], bank: DescriptorBank, file: string, i: number): void {
  const width = DESCRIPTOR_ORDER.length;
  for (let t = 0; t < frames.length; t++) {
    const row = frames[t]!;
    if (!Array.isArray(row) || row.length !== width) {
      throw new NeurorackError('NR_BANK_INVALID', `frame has ${Array.isArray(row) ? row.length : 'no'} values; expected ${width} (${DESCRIPTOR_ORDER.join(', ')})`, { file, pointer: `/entries/${i}/frames/${t}` });
    }
    for (let k = 0; k < width; k++) {
      const v = row[k]!;
      const d = bank.descriptors[k]!;
      const limits = DESCRIPTOR_LIMITS[DESCRIPTOR_ORDER[k]!];
      const where = `/entries/${i}/frames/${t}/${k}`;
      if (typeof v !== 'number' || !Number.isFinite(v)) throw valueError(`${d.name} is ${String(v)}; expected a finite number`, file, where);
      if (v < limits.min || v > limits.max) throw valueError(`${d.name} is ${v} ${d.unit}; expected a value in [${limits.min}, ${limits.max}]`, file, where);
      if (v < d.min || v > d.max) throw valueError(`${d.name} is ${v} ${d.unit}, outside the range the bank declares at /descriptors/${k} [${d.min}, ${d.max}]`, file, where);
    }
  }
}

function valueError(message: string, file: string, pointer: string): NeurorackError {
  return new NeurorackError('NR_BANK_VALUE_INVALID', message, { file, pointer });
}
