import type { ModelManifest } from '../generated/model-manifest';
import type { ListedFile } from '../model-runtime/verified-files';

/** The `format` of a .nrmodel envelope. */
export const MODEL_PACKAGE_FORMAT = 'neurorack-nrmodel';
export const MODEL_PACKAGE_FORMAT_VERSION = 1;

/** The file every model folder holds; it lists the others. */
export const MODEL_MANIFEST_FILE = 'manifest.json';

/** How large a model package may be: far beyond today's models (the shipped one packs to under 1 MB). */
export const MODEL_PACKAGE_LIMITS = {
  /** Bytes of a .nrmodel file or download. */
  maxPackageBytes: 256 * 1024 * 1024,
  /** Bytes of the envelope JSON once decompressed (file data is base64 in it). */
  maxEnvelopeBytes: 384 * 1024 * 1024,
  /** Files in one package, the manifest included. */
  maxFiles: 64,
} as const;

/** One file of a package: its path in the model folder, its size and sha256 (hex), and its bytes in base64. */
export interface PackedFile {
  path: string;
  bytes: number;
  sha256: string;
  data: string;
}

/**
 * A .nrmodel file is gzip (RFC 1952) of this JSON envelope: the model folder's manifest.json
 * first, then every file the manifest lists, each with the size and sha256 the manifest declares.
 */
export interface ModelPackageEnvelope {
  format: typeof MODEL_PACKAGE_FORMAT;
  formatVersion: typeof MODEL_PACKAGE_FORMAT_VERSION;
  id: string;
  runtime: string;
  files: PackedFile[];
}

/**
 * The fields of a model manifest (the generated ModelManifest) that packaging reads. Packaging
 * checks `id`, `runtime` and the listed files itself and leaves the schema to the runtime, so all
 * but `id` and `runtime` may be absent here.
 */
export type PackagedManifest = Readonly<Pick<ModelManifest, 'id' | 'runtime'> & Partial<Pick<ModelManifest, 'name' | 'version' | 'licence' | 'author' | 'description'>>> & {
  readonly files?: readonly ListedFile[];
};
