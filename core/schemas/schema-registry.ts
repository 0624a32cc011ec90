import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import * as semver from 'semver';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NeurorackError } from '../errors/neurorack-error';
import { paths } from '../paths';

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
 * composition root makes one and injects it; nothing else constructs Ajv.
 */
export class SchemaRegistry {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();
  readonly schemas: ReadonlyMap<string, Record<string, unknown>>;

  constructor(schemaDir: string = paths.schemas) {
    this.ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false, allowUnionTypes: true });
    addFormats(this.ajv);
    this.ajv.addFormat('semver', (v: string) => semver.valid(v) !== null);
    this.ajv.addFormat('semver-range', (v: string) => semver.validRange(v) !== null);
    const schemas = new Map<string, Record<string, unknown>>();
    for (const file of readdirSync(schemaDir).filter((f) => f.endsWith('.schema.json')).sort()) {
      const schema = JSON.parse(readFileSync(join(schemaDir, file), 'utf8')) as Record<string, unknown>;
      const id = schema['$id'];
      if (typeof id !== 'string') throw new NeurorackError('NR_SCHEMA_UNKNOWN', `schema has no $id; every schema needs one`, { file: join(schemaDir, file) });
      this.ajv.addSchema(schema);
      schemas.set(id, schema);
    }
    this.schemas = schemas;
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
    let fn = this.compiled.get(id);
    if (!fn) {
      fn = this.ajv.getSchema(id);
      if (!fn) throw new NeurorackError('NR_SCHEMA_UNKNOWN', `no schema with $id ${id} in schemas/`);
      this.compiled.set(id, fn);
    }
    return fn;
  }
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
