import { assertEntryName } from '../banks/entry-name';
import { NeurorackError } from '../errors/neurorack-error';

/** The descriptor-bank schema's id pattern: a slug can never hold a separator, a dot or `..`. */
const BANK_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const BANK_ID_MAX_LENGTH = 64;

/**
 * Checks a bank id taken from a URL or body before it becomes part of a path. Throws
 * NR_WEB_NAME_UNSAFE saying what a bank id may hold.
 */
export function assertBankId(id: unknown, where: string): asserts id is string {
  if (typeof id !== 'string' || id.length > BANK_ID_MAX_LENGTH || !BANK_ID.test(id)) {
    throw new NeurorackError('NR_WEB_NAME_UNSAFE', `${where}: bank id ${JSON.stringify(id)} is not allowed; expected lower-case letters, digits and single dashes (1-${BANK_ID_MAX_LENGTH} characters), no "/", "\\\\" or ".."`);
  }
}

/** Checks an entry name from a URL or body (NR_BANK_ENTRY_NAME_UNSAFE, the bank tools' own rule). */
export function assertSafeEntryName(name: unknown, where: string): asserts name is string {
  if (typeof name !== 'string') throw new NeurorackError('NR_WEB_MESSAGE_INVALID', `${where}: entry name is ${JSON.stringify(name)}; expected a string`);
  assertEntryName(name, where, '/entry');
}
