/**
 * The descriptor bank document (schemas/descriptor-bank.schema.json), as it is after validation with
 * the schema's defaults filled in. docs/descriptor-bank-format.md describes it for bank authors.
 */

import type { DescriptorBank as GeneratedBank, Entry } from '../generated/descriptor-bank';
import { DESCRIPTOR_ORDER, DESCRIPTOR_UNITS as EXTRACTOR_UNITS, type DescriptorName } from '../descriptors/descriptor-matrix';

export { DESCRIPTOR_ORDER, type DescriptorName };

/** Unit of each descriptor as a bank declares it (the extractor's units). */
export const DESCRIPTOR_UNITS: Readonly<Record<DescriptorName, string>> = Object.fromEntries(
  DESCRIPTOR_ORDER.map((name) => [name, EXTRACTOR_UNITS[name].unit]),
) as Record<DescriptorName, string>;

export const BANK_FORMAT = 'neurorack-descriptor-bank';
export const BANK_FORMAT_VERSION = 1;
/** The file that holds a bank inside its folder. */
export const BANK_FILE = 'bank.json';
export const BANK_SAMPLE_RATE = 22050;
export const BANK_HOP_LENGTH = 512;

/** One column of the bank: its name, unit and the range of values the bank's entries cover. */
export interface BankDescriptor {
  name: DescriptorName;
  unit: string;
  min: number;
  max: number;
}

/** Where an entry's curve came from: the sound's file name and hash, never the audio. */
export type BankEntrySource = Entry['source'];

/** One named curve: `frames[t]` holds the seven descriptors of frame t in DESCRIPTOR_ORDER. */
export type BankEntry = Entry;

/**
 * Generated from the schema (core/generated/descriptor-bank.ts), with the descriptor columns as a
 * plain list of BankDescriptor (the schema pins their names and units in order, as a tuple).
 */
export type DescriptorBank = Omit<GeneratedBank, 'descriptors'> & { descriptors: BankDescriptor[] };
