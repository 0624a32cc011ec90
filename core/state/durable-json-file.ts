import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { readBoundedSync } from '../files/read-bounded';
import { join } from 'node:path';
import { writeFileAtomic } from '../files/atomic-write';
import { NeurorackError, asNeurorackError } from '../errors/neurorack-error';

/** A state file holds settings or calibration: a few KB. Reading stops past this. */
const MAX_STATE_FILE_BYTES = 4 * 1024 * 1024;

/** What a file holds around the value: a format tag and the sha256 of the value's JSON. */
const FORMAT = 'neurorack-state/1';

/** What `load` found. */
export interface DurableLoad<T> {
  /** The value: the current file's, else the previous good copy's; undefined when neither is usable. */
  readonly value: T | undefined;
  /** Which copy it came from ('none': nothing usable, or nothing ever saved). */
  readonly from: 'current' | 'previous' | 'none';
  /**
   * Why a copy was not used (NR_STATE_RECOVERED: the previous good copy was used; NR_STATE_LOST:
   * neither copy was usable and the caller falls back to defaults). Empty on a clean load and on a
   * first start with no file at all.
   */
  readonly warnings: readonly NeurorackError[];
}

/**
 * One JSON value kept in a folder so that it survives a power cut, with this contract:
 * - **Every write is atomic**: the new bytes go to a temporary file in the same folder, the file is
 *   fsynced, renamed over `NAME.json`, and the folder is fsynced (core/files/atomic-write.ts).
 * - **The previous good copy is kept** in `NAME.prev.json`: before a write, a current file that
 *   loads cleanly is copied there (atomically too). A corrupt current file never replaces it.
 * - **A torn or corrupt file is never taken for a value**: a file is used only when it parses, its
 *   sha256 matches the value it holds, and `validate` accepts the value (the caller's schema).
 *   Otherwise `load` falls back to the previous good copy with a warning (NR_STATE_RECOVERED), and
 *   only when both are unusable to nothing, with a warning that says so (NR_STATE_LOST).
 * - Writes are serialised: a `save` started while another runs waits for it.
 * - `save` refuses a value `validate` rejects (nothing is written).
 */
export class DurableJsonFile<T> {
  readonly file: string;
  readonly previousFile: string;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly dir: string,
    readonly name: string,
    /** Returns the value typed, or throws (NR_SCHEMA_INVALID naming `file`) when it is not valid. */
    private readonly validate: (value: unknown, file: string) => T,
  ) {
    this.file = join(dir, `${name}.json`);
    this.previousFile = join(dir, `${name}.prev.json`);
  }

  /** Reads the current file, else the previous good copy (synchronous: the host reads it once at boot). */
  load(): DurableLoad<T> {
    const current = this.read(this.file);
    if (current.ok) return { value: current.value, from: 'current', warnings: [] };
    const previous = this.read(this.previousFile);
    if (!current.ok && current.missing && !previous.ok && previous.missing) return { value: undefined, from: 'none', warnings: [] };
    if (previous.ok) {
      const why = !('error' in current) ? 'is missing' : `is not usable (${current.error.describe()})`;
      return { value: previous.value, from: 'previous', warnings: [new NeurorackError('NR_STATE_RECOVERED', `${this.name}: ${this.file} ${why}; using the previous good copy ${this.previousFile}`, { file: this.file })] };
    }
    const problems = [current, previous].map((r, i) => `${i ? this.previousFile : this.file}: ${'error' in r ? r.error.describe() : 'missing'}`);
    return { value: undefined, from: 'none', warnings: [new NeurorackError('NR_STATE_LOST', `${this.name}: no usable copy (${problems.join('; ')}); starting from the defaults, the damaged files are left in place`, { file: this.file })] };
  }

  /** Writes `value` atomically, keeping the current good file as the previous copy. */
  save(value: T): Promise<void> {
    const run = this.queue.then(() => this.write(value));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(value: T): Promise<void> {
    this.validate(structuredClone(value), this.file);
    const json = JSON.stringify(value);
    const text = `{"format":"${FORMAT}","sha256":"${sha256(json)}","value":${json}}\n`;
    try {
      await fs.mkdir(this.dir, { recursive: true });
      const current = this.read(this.file);
      if (current.ok) await writeFileAtomic(this.previousFile, current.bytes);
      await writeFileAtomic(this.file, text);
    } catch (err) {
      throw asNeurorackError(err, 'NR_STATE_WRITE_FAILED', { file: this.file });
    }
  }

  private read(file: string): { ok: true; value: T; bytes: Buffer } | { ok: false; missing: true } | { ok: false; missing: false; error: NeurorackError } {
    let bytes: Buffer;
    try {
      bytes = readBoundedSync(file, { maxBytes: MAX_STATE_FILE_BYTES, tooLargeCode: 'NR_JSON_MALFORMED', what: 'state file' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, missing: true };
      return { ok: false, missing: false, error: asNeurorackError(err, 'NR_STATE_WRITE_FAILED', { file }) };
    }
    try {
      if (bytes.length === 0) throw new NeurorackError('NR_JSON_MALFORMED', 'the file is empty', { file });
      let doc: unknown;
      try {
        doc = JSON.parse(bytes.toString('utf8'));
      } catch (err) {
        throw new NeurorackError('NR_JSON_MALFORMED', `not JSON (torn or damaged): ${(err as Error).message}`, { file });
      }
      const d = doc as { format?: unknown; sha256?: unknown; value?: unknown };
      if (typeof doc !== 'object' || doc === null || d.format !== FORMAT || !('value' in d)) throw new NeurorackError('NR_SCHEMA_INVALID', `expected {"format":"${FORMAT}","sha256":...,"value":...}`, { file });
      if (d.sha256 !== sha256(JSON.stringify(d.value))) throw new NeurorackError('NR_SCHEMA_INVALID', 'the value does not match its sha256 (damaged)', { file, pointer: '/sha256' });
      return { ok: true, value: this.validate(d.value, file), bytes };
    } catch (err) {
      return { ok: false, missing: false, error: asNeurorackError(err, 'NR_SCHEMA_INVALID', { file }) };
    }
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
