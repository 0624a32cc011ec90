import standaloneCode from 'ajv/dist/standalone';
import { newAjv } from './ajv-instance';
import { readSchemaFiles } from './schema-files';

/**
 * The validators of every schema in `schemaDir` as one CommonJS module, compiled ahead of time by
 * the build (scripts/compile-schemas.js writes it beside this file). Compiling them at boot took
 * about 290 ms of the control thread's and 170 ms of the main thread's start, on the path to
 * playable. The module names the hash of the schemas it was made from: the registry uses it only
 * while that matches the schemas on disk, and compiles them itself otherwise.
 *
 * Exports: `validators` ($id -> validate function) and `schemaHash`.
 */
export function standaloneValidatorsSource(schemaDir: string): string {
  const { schemas, hash } = readSchemaFiles(schemaDir);
  const ajv = newAjv(schemas.values(), true);
  const names: Record<string, string> = {};
  [...schemas.keys()].forEach((id, i) => (names[`v${i}`] = id));
  const code = standaloneCode(ajv, names);
  const table = Object.entries(names).map(([name, id]) => `  ${JSON.stringify(id)}: exports.${name},`).join('\n');
  return `${code}\nexports.schemaHash = ${JSON.stringify(hash)};\nexports.validators = {\n${table}\n};\n`;
}
