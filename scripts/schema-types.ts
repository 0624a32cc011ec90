/**
 * Generates core/generated/<name>.ts from every schemas/<name>.schema.json with
 * json-schema-to-typescript, and core/generated/descriptor-order.ts from schemas/descriptor-order.json, so the TypeScript types come from the schemas instead of being kept
 * by hand beside them. `npm run schemas:types` writes the files; test/scripts/schema-types.test.ts
 * regenerates them in memory and fails when a checked-in file differs.
 *
 * The types describe the data as the host holds it after validation (Ajv with useDefaults): a
 * property whose schema carries a `default` is required, since Ajv always fills it in. Defaults
 * under oneOf/anyOf/not are left optional, as Ajv does not apply them there.
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from 'json-schema-to-typescript';
import { packageRoot } from '../core/paths';

export const SCHEMA_DIR = join(packageRoot, 'schemas');
export const GENERATED_DIR = join(packageRoot, 'core', 'generated');

/** The root type's name for each schema file; the schemas' titles are prose, not identifiers. */
const ROOT_NAMES: Record<string, string> = {
  board: 'BoardLayout',
  'cv-calibration': 'CvCalibration',
  'descriptor-bank': 'DescriptorBank',
  'host-settings': 'HostSettings',
  menu: 'MenuTree',
  'model-manifest': 'ModelManifest',
  'plugin-manifest': 'PluginManifest',
  rack: 'RackConfig',
  replay: 'ReplayScript',
};

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A copy of `schema` whose properties with a default are required (outside oneOf/anyOf/not). */
export function requireDefaulted(schema: Json, underCombinator = false): Json {
  if (Array.isArray(schema)) return schema.map((s) => requireDefaulted(s, underCombinator));
  if (schema === null || typeof schema !== 'object') return schema;
  const out: { [k: string]: Json } = {};
  for (const [key, value] of Object.entries(schema)) {
    const combinator = key === 'oneOf' || key === 'anyOf' || key === 'not';
    if (combinator && onlyRequired(value)) continue;
    if (key === 'properties' && value && typeof value === 'object' && !Array.isArray(value)) {
      const props: { [k: string]: Json } = {};
      for (const [name, sub] of Object.entries(value)) props[name] = requireDefaulted(sub, underCombinator);
      out[key] = props;
    } else {
      out[key] = requireDefaulted(value, underCombinator || combinator);
    }
  }
  const props = out['properties'];
  if (!underCombinator && props && typeof props === 'object' && !Array.isArray(props)) {
    const defaulted = Object.entries(props)
      .filter(([, sub]) => sub !== null && typeof sub === 'object' && !Array.isArray(sub) && 'default' in sub)
      .map(([name]) => name);
    if (defaulted.length > 0) {
      const required = Array.isArray(out['required']) ? (out['required'] as Json[]) : [];
      out['required'] = [...required, ...defaulted.filter((n) => !required.includes(n))];
    }
  }
  return out;
}

/**
 * A oneOf/anyOf whose branches only list required properties ("adc or gpio") constrains which
 * optional properties appear but adds no type; the generator would turn it into an intersection
 * with index signatures, so it is left out of the types (Ajv still checks it).
 */
function onlyRequired(branches: Json): boolean {
  return Array.isArray(branches) && branches.every((b) => b !== null && typeof b === 'object' && !Array.isArray(b) && Object.keys(b).every((k) => k === 'required'));
}

/** Every generated file's name (`rack.ts`) and text, from the schemas in `schemaDir`. */
export async function generateSchemaTypes(schemaDir: string = SCHEMA_DIR): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const file of readdirSync(schemaDir).filter((f) => f.endsWith('.schema.json')).sort()) {
    const stem = file.slice(0, -'.schema.json'.length);
    const name = ROOT_NAMES[stem];
    if (!name) throw new Error(`scripts/schema-types.ts: no root type name for schemas/${file}; add one to ROOT_NAMES`);
    const schema = requireDefaulted(JSON.parse(readFileSync(join(schemaDir, file), 'utf8')) as Json) as { [k: string]: Json };
    schema['title'] = name;
    const text = await compile(schema as Parameters<typeof compile>[0], name, {
      bannerComment: `/* Generated from schemas/${file} by scripts/schema-types.ts (npm run schemas:types); do not edit. */`,
      cwd: schemaDir,
      declareExternallyReferenced: true,
      additionalProperties: false,
      unreachableDefinitions: true,
      strictIndexSignatures: true,
      ignoreMinAndMaxItems: true,
      format: true,
      style: { singleQuote: true, printWidth: 140 },
    });
    files.set(`${stem}.ts`, text);
  }
  files.set('descriptor-order.ts', descriptorOrderModule(schemaDir));
  return files;
}

/** schemas/descriptor-order.json as a const tuple, so the descriptor names are a union type. */
function descriptorOrderModule(schemaDir: string): string {
  const { order } = JSON.parse(readFileSync(join(schemaDir, 'descriptor-order.json'), 'utf8')) as { order: string[] };
  if (!Array.isArray(order) || order.length === 0 || !order.every((n) => typeof n === 'string' && /^[a-z0-9]+$/.test(n))) {
    throw new Error('schemas/descriptor-order.json: expected { "order": [descriptor names] }');
  }
  return [
    '/* Generated from schemas/descriptor-order.json by scripts/schema-types.ts (npm run schemas:types); do not edit. */',
    '',
    '/** The descriptors in the order of every descriptor frame (column k of a frame is DESCRIPTOR_ORDER[k]). */',
    `export const DESCRIPTOR_ORDER = [${order.map((n) => `'${n}'`).join(', ')}] as const;`,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const files = await generateSchemaTypes();
  rmSync(GENERATED_DIR, { recursive: true, force: true });
  mkdirSync(GENERATED_DIR, { recursive: true });
  for (const [name, text] of files) writeFileSync(join(GENERATED_DIR, name), text);
  console.log(`schemas:types: wrote ${files.size} files to core/generated/`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
