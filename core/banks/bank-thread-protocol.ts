import type { ErrorCode } from '../errors/catalogue';
import type { ErrorLocation } from '../errors/neurorack-error';
import type { DescriptorBank } from './descriptor-bank';

/** A job for the bank thread: read a bank from disk, or unpack .nrbank bytes. */
export type BankJob =
  | { readonly id: number; readonly op: 'read'; readonly path: string }
  | { readonly id: number; readonly op: 'unpack'; readonly bytes: Uint8Array; readonly file: string }
  | { readonly id: number; readonly op: 'prepare'; readonly bytes: Uint8Array; readonly file: string };

/** A .nrbank unpacked, validated and formatted as bank.json, ready to be written (op 'prepare'). */
export interface PreparedBank {
  readonly id: string;
  readonly contentHash: string;
  readonly entries: number;
  /** bank.json as formatBankJson writes it (UTF-8). */
  readonly json: Uint8Array;
}

/** Its answer: the validated bank (and the file it came from), or the error that refused it. */
export type BankAnswer =
  | { readonly id: number; readonly bank: DescriptorBank; readonly file: string }
  | { readonly id: number; readonly prepared: PreparedBank }
  | { readonly id: number; readonly error: { readonly code?: ErrorCode; readonly message: string; readonly location?: ErrorLocation } };
