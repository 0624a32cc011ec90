import type { ErrorCode } from '../errors/catalogue';
import type { ErrorLocation } from '../errors/neurorack-error';
import type { InstallProgress } from './bank-install';
import type { BankIndexEntry } from './bank-index';
import type { BankOutline } from './bank-outline';
import type { DescriptorBank } from './descriptor-bank';

/** A job for the bank thread: read a bank from disk (whole, or its outline), unpack .nrbank bytes, or a registry's work. */
export type BankJob =
  | { readonly id: number; readonly op: 'read'; readonly path: string }
  | { readonly id: number; readonly op: 'outline'; readonly path: string }
  | { readonly id: number; readonly op: 'unpack'; readonly bytes: Uint8Array; readonly file: string }
  | { readonly id: number; readonly op: 'prepare'; readonly bytes: Uint8Array; readonly file: string }
  | { readonly id: number; readonly op: 'registryIndex'; readonly registry: string }
  | { readonly id: number; readonly op: 'registryPreview'; readonly registry: string; readonly bankId: string; readonly maxBytes: number; readonly entries: number; readonly points: number }
  | { readonly id: number; readonly op: 'registryInstall'; readonly registry: string; readonly bankId: string; readonly dir: string; readonly shippedDir?: string; readonly maxBytes: number; readonly force: boolean };

/** A registry bank's first entries, each cut down to a few points per descriptor (its units), for drawing. */
export interface RegistryPreview {
  readonly id: string;
  readonly name: string;
  readonly contentHash: string;
  readonly entries: ReadonlyArray<{ readonly name: string; readonly frames: number[][] }>;
}

/** A bank installed from a registry by the bank thread (as `bank install ID --registry` installs it). */
export interface RegistryInstalled {
  readonly id: string;
  readonly contentHash: string;
  readonly entries: number;
  readonly file: string;
}

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
  | { readonly id: number; readonly outline: BankOutline }
  | { readonly id: number; readonly prepared: PreparedBank }
  | { readonly id: number; readonly index: readonly BankIndexEntry[]; readonly location: string }
  | { readonly id: number; readonly preview: RegistryPreview }
  | { readonly id: number; readonly installed: RegistryInstalled }
  | { readonly id: number; readonly error: { readonly code?: ErrorCode; readonly message: string; readonly location?: ErrorLocation } };

/** Sent before the answer while a registry install goes on (not an answer: the job is still running). */
export interface BankJobProgress {
  readonly id: number;
  readonly progress: InstallProgress;
}
