import Ajv, { _ } from 'ajv';
import { formats } from './schema-formats';

/**
 * The one Ajv configuration of the host: defaults filled in, every error reported. `forSource`
 * keeps the generated code, for validators compiled ahead of time at build (their formats come
 * from schema-formats.js beside them).
 */
export function newAjv(schemas: Iterable<Record<string, unknown>>, forSource = false): Ajv {
  const ajv = new Ajv({
    allErrors: true, useDefaults: true, strict: false, allowUnionTypes: true,
    ...(forSource ? { code: { source: true, formats: _`require("./schema-formats").formats` } } : {}),
  });
  for (const [name, check] of Object.entries(formats)) ajv.addFormat(name, check);
  for (const schema of schemas) ajv.addSchema(schema);
  return ajv;
}
