import { gunzipSync } from 'node:zlib';
import { NeurorackError } from '../errors/neurorack-error';
import { assertSafeModelPath } from './model-file-path';
import { MODEL_MANIFEST_FILE, MODEL_PACKAGE_FORMAT, MODEL_PACKAGE_FORMAT_VERSION, MODEL_PACKAGE_LIMITS, type ModelPackageEnvelope, type PackagedManifest } from './model-package-format';
import { sha256Hex } from './read-model-folder';

/** A package's content, checked: the manifest and every file's bytes by path. */
export interface UnpackedModel {
  readonly manifest: PackagedManifest;
  readonly files: ReadonlyMap<string, Buffer>;
}

/**
 * Unpacks and checks .nrmodel bytes without writing anything: gzip within the limits, the
 * envelope, safe and unique paths, each file's size and sha256 against the envelope, the manifest
 * first with the envelope's id and runtime, and exactly the files the manifest lists with the sizes
 * and sha256s it declares. Errors name `file` and a pointer into the envelope.
 */
export function unpackModel(bytes: Uint8Array, file: string, limits: Partial<typeof MODEL_PACKAGE_LIMITS> = {}): UnpackedModel {
  const { maxPackageBytes, maxEnvelopeBytes, maxFiles } = { ...MODEL_PACKAGE_LIMITS, ...limits };
  const bad = (message: string, pointer?: string) => new NeurorackError('NR_MODEL_PACKAGE_INVALID', message, { file, pointer });
  if (bytes.length > maxPackageBytes) throw bad(`the package is ${bytes.length} bytes; the limit is ${maxPackageBytes}`);
  if (bytes.length < 18 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) throw bad('not a gzip file; expected a model package made by `neurorack model pack`');
  let json: Buffer;
  try {
    json = gunzipSync(bytes, { maxOutputLength: maxEnvelopeBytes });
  } catch (err) {
    const tooBig = (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
    throw bad(tooBig ? `it decompresses to more than ${maxEnvelopeBytes} bytes` : `the compressed data is damaged or truncated (${(err as Error).message})`);
  }
  let envelope: Partial<ModelPackageEnvelope>;
  try {
    envelope = JSON.parse(json.toString('utf8')) as Partial<ModelPackageEnvelope>;
  } catch (err) {
    throw bad(`the packed content is not JSON (${(err as Error).message})`);
  }
  if (!envelope || envelope.format !== MODEL_PACKAGE_FORMAT) throw bad(`expected "format": "${MODEL_PACKAGE_FORMAT}"`, '/format');
  if (envelope.formatVersion !== MODEL_PACKAGE_FORMAT_VERSION) throw bad(`expected "formatVersion": ${MODEL_PACKAGE_FORMAT_VERSION}, found ${JSON.stringify(envelope.formatVersion)}`, '/formatVersion');
  if (!Array.isArray(envelope.files) || envelope.files.length === 0 || envelope.files.length > maxFiles) throw bad(`expected "files": 1 to ${maxFiles} files, the manifest first`, '/files');

  const files = new Map<string, Buffer>();
  envelope.files.forEach((f, i) => {
    assertSafeModelPath(f?.path, { file, pointer: `/files/${i}/path` });
    if (files.has(f.path)) throw bad(`"${f.path}" is packed twice`, `/files/${i}/path`);
    if (typeof f.data !== 'string') throw bad('expected "data": the file in base64', `/files/${i}/data`);
    const data = Buffer.from(f.data, 'base64');
    if (data.length !== f.bytes || sha256Hex(data) !== f.sha256) throw bad(`expected ${f.bytes} bytes with sha256 ${f.sha256}, found ${data.length} bytes with sha256 ${sha256Hex(data)}`, `/files/${i}`);
    files.set(f.path, data);
  });
  if (envelope.files[0]!.path !== MODEL_MANIFEST_FILE) throw bad(`expected ${MODEL_MANIFEST_FILE} first`, '/files/0/path');

  let manifest: PackagedManifest;
  try {
    manifest = JSON.parse(files.get(MODEL_MANIFEST_FILE)!.toString('utf8')) as PackagedManifest;
  } catch (err) {
    throw bad(`the packed manifest.json is not JSON (${(err as Error).message})`, '/files/0');
  }
  if (manifest?.id !== envelope.id || manifest?.runtime !== envelope.runtime || typeof manifest.id !== 'string' || !/^[a-z0-9][a-z0-9.-]{0,62}$/.test(manifest.id)) {
    throw bad(`expected the manifest's id and runtime (${manifest?.id}, ${manifest?.runtime}) to be a model id and to match the envelope's (${envelope.id}, ${envelope.runtime})`, '/id');
  }
  const listed = manifest.files ?? [];
  listed.forEach((f, i) => {
    const data = files.get(f.path);
    if (!data) throw bad(`manifest.json /files/${i} lists ${f.path}, which is not in the package`, '/files/0');
    if (data.length !== f.bytes || sha256Hex(data) !== f.sha256) {
      throw new NeurorackError('NR_MODEL_HASH_MISMATCH', `manifest.json /files/${i} declares ${f.path} as ${f.bytes} bytes with sha256 ${f.sha256}; the package holds ${data.length} bytes with sha256 ${sha256Hex(data)}`, { file, pointer: '/files/0' });
    }
  });
  const extra = [...files.keys()].filter((p) => p !== MODEL_MANIFEST_FILE && !listed.some((f) => f.path === p));
  if (extra.length) throw bad(`the package holds files its manifest does not list: ${extra.join(', ')}`, '/files');
  return { manifest, files };
}
