import type Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NeurorackError } from '../errors/neurorack-error';
import { paths } from '../paths';
import { readSchemaFiles } from './schema-files';

/** The `$id` of every schema in schemas/, by short name. */
export const SchemaIds = {
  pluginManifest: 'https://neurorack.dev/schemas/plugin-manifest.schema.json',
  modelManifest: 'https://neurorack.dev/schemas/model-manifest.schema.json',
  descriptorBank: 'https://neurorack.dev/schemas/descriptor-bank.schema.json',
  rack: 'https://neurorack.dev/schemas/rack.schema.json',
  board: 'https://neurorack.dev/schemas/board.schema.json',
  menu: 'https://neurorack.dev/schemas/menu.schema.json',
  replay: 'https://neurorack.dev/schemas/replay.schema.json',
  hostSettings: 'https://neurorack.dev/schemas/host-settings.schema.json',
  cvCalibration: 'https://neurorack.dev/schemas/cv-calibration.schema.json',
} as const;

export type SchemaId = (typeof SchemaIds)[keyof typeof SchemaIds];

/**
 * All of schemas/ compiled by one Ajv instance, with defaults filled in from the schemas. The
 * composition root makes one and injects it; nothing else constructs Ajv. The installed schemas
 * come compiled ahead of time by the build (compiled-validators.js, see standalone-validators.ts)
 * and are used as they are while they were made from the schemas on disk; anything else is
 * compiled on first use.
 */
export class SchemaRegistry {
  private ajv: Ajv | undefined;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly ahead: Readonly<Record<string, ValidateFunction>> | undefined;
  readonly schemas: ReadonlyMap<string, Record<string, unknown>>;

  constructor(schemaDir: string = paths.schemas, compiledFile: string = join(__dirname, 'compiled-validators.js')) {
    const { schemas, hash } = readSchemaFiles(schemaDir);
    this.schemas = schemas;
    this.ahead = compiledAhead(compiledFile, hash);
  }

  /** Whether the validators in use were compiled ahead of time (the build's), not at start. */
  get precompiled(): boolean {
    return this.ahead !== undefined;
  }

  /** Whether `data` is valid; fills in defaults in place. */
  check(id: SchemaId, data: unknown): { valid: true } | { valid: false; errors: ErrorObject[] } {
    const validate = this.validator(id);
    return validate(data) ? { valid: true } : { valid: false, errors: validate.errors ?? [] };
  }

  /**
   * Validates `data` (filling in defaults in place) and returns it typed, or throws
   * NR_SCHEMA_INVALID naming `file`, the JSON pointer of the first problem and what was expected.
   */
  validate<T>(id: SchemaId, data: unknown, file: string): T {
    const result = this.check(id, data);
    if (result.valid) return data as T;
    const first = pickMostUseful(result.errors);
    throw new NeurorackError('NR_SCHEMA_INVALID', describeAjvError(first), { file, pointer: first.instancePath || '/' });
  }

  private validator(id: SchemaId): ValidateFunction {
    let fn = this.compiled.get(id) ?? this.ahead?.[id];
    if (!fn) {
      // Ajv itself loads only here: with the build's validators, no thread pays for loading it.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      this.ajv ??= (require('./ajv-instance') as typeof import('./ajv-instance')).newAjv(this.schemas.values());
      fn = this.ajv.getSchema(id);
      if (!fn) throw new NeurorackError('NR_SCHEMA_UNKNOWN', `no schema with $id ${id} in schemas/`);
      this.compiled.set(id, fn);
    }
    return fn;
  }
}

/** The build's validators when `file` exists and was made from schemas hashing to `hash`. */
function compiledAhead(file: string, hash: string): Readonly<Record<string, ValidateFunction>> | undefined {
  if (!existsSync(file)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(file) as { schemaHash?: string; validators?: Record<string, ValidateFunction> };
  return mod.schemaHash === hash ? mod.validators : undefined;
}

/** oneOf/anyOf failures bury the real cause; prefer the deepest concrete error. */
function pickMostUseful(errors: ErrorObject[]): ErrorObject {
  const concrete = errors.filter((e) => !['oneOf', 'anyOf', 'if', 'not'].includes(e.keyword));
  const pool = concrete.length ? concrete : errors;
  return pool.reduce((best, e) => (e.instancePath.length > best.instancePath.length ? e : best), pool[0]!);
}

/** One sentence saying what was expected, in the words a manifest author uses. */
export function describeAjvError(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `missing required property "${String(p['missingProperty'])}"`;
    case 'additionalProperties':
      return `unknown property "${String(p['additionalProperty'])}" (not allowed here)`;
    case 'enum':
      return `expected one of ${JSON.stringify(p['allowedValues'])}`;
    case 'const':
      return `expected ${JSON.stringify(p['allowedValue'])}`;
    case 'type':
      return `expected ${String(p['type'])}`;
    case 'pattern':
      return `expected a string matching ${String(p['pattern'])}`;
    case 'format':
      return `expected a ${String(p['format'])}`;
    default:
      return `expected a value that ${e.message ?? 'matches the schema'}`;
  }
}

let shared: SchemaRegistry | undefined;

/**
 * The registry of the installed schemas, compiled on first use. Schemas are immutable, so one
 * compiled set serves every container and command in the process ("compiled once by one Ajv").
 */
export function installedSchemas(): SchemaRegistry {
  shared ??= new SchemaRegistry();
  return shared;
}
