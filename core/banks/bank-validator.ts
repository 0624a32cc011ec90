import { NeurorackError } from '../errors/neurorack-error';
import { installedSchemas, SchemaIds } from '../schemas/schema-registry';
import type { DescriptorBank } from './descriptor-bank';

export const DESCRIPTOR_BANK_SCHEMA_ID = SchemaIds.descriptorBank;

/**
 * Checks `doc` against schemas/descriptor-bank.schema.json, filling in the schema's defaults in
 * place, and returns it typed. Throws NR_BANK_INVALID naming `file`, the JSON pointer of the first
 * problem and what was expected there. Value ranges and the hash are checked elsewhere
 * (validate-bank.ts).
 */
export function checkBankSchema(doc: unknown, file: string): DescriptorBank {
  try {
    return installedSchemas().validate<DescriptorBank>(SchemaIds.descriptorBank, doc, file);
  } catch (err) {
    if (err instanceof NeurorackError && err.code === 'NR_SCHEMA_INVALID') throw new NeurorackError('NR_BANK_INVALID', err.message, err.location);
    throw err;
  }
}
