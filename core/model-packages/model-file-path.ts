import { NeurorackError, type ErrorLocation } from '../errors/neurorack-error';

/**
 * Whether `path` is a plain relative path inside a model folder: `/`-separated names, none empty,
 * `.` or `..`, no backslash, no NUL, not absolute, at most 255 characters.
 */
export function isSafeModelPath(path: string): boolean {
  if (typeof path !== 'string' || path.length === 0 || path.length > 255 || path.includes('\\') || path.includes('\0') || path.startsWith('/')) return false;
  return path.split('/').every((name) => name !== '' && name !== '.' && name !== '..');
}

/** Throws NR_MODEL_PATH_UNSAFE unless `path` is a plain relative path (see isSafeModelPath). */
export function assertSafeModelPath(path: string, where: ErrorLocation): void {
  if (!isSafeModelPath(path)) {
    throw new NeurorackError('NR_MODEL_PATH_UNSAFE', `expected a plain relative path inside the model folder, found ${JSON.stringify(path)}`, where);
  }
}
