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

/** The fields of a model manifest that packaging reads (the runtime validates the rest). */
export interface PackagedManifest {
  readonly id: string;
  readonly runtime: string;
  readonly name?: string;
  readonly version?: string;
  readonly licence?: string;
  readonly author?: string;
  readonly description?: string;
  readonly files?: ReadonlyArray<{ readonly path: string; readonly sha256: string; readonly bytes: number }>;
}
