import type { LoadedBank } from './bank-store';

/**
 * What listing a bank needs, without its curves: the bank's identity and its entries' names. A
 * listing reads outlines, so a large bank's frames never have to reach the main thread to be named.
 */
export interface BankOutline {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly author?: string;
  readonly licence?: string;
  readonly contentHash: string;
  readonly entries: readonly string[];
  /** The file it was read from. */
  readonly file: string;
}

/** The outline of a bank read whole. */
export function outlineOf({ bank, file }: LoadedBank): BankOutline {
  return { id: bank.id, name: bank.name, version: bank.version, author: bank.author, licence: bank.licence, contentHash: bank.contentHash, entries: bank.entries.map((e) => e.name), file };
}
