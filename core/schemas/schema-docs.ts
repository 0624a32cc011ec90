type Json = Record<string, unknown>;

interface Row {
  path: string;
  type: string;
  required: boolean;
  default?: unknown;
  description: string;
}

/**
 * Renders docs/manifest-reference.md from the schemas, so the reference never drifts from the
 * truth: one section per schema, one table row per property (nested objects and array items
 * flattened to paths like `devices.cvAdc.jacks[].range`).
 */
export function renderSchemaReference(schemas: ReadonlyMap<string, Json>): string {
  const out: string[] = [
    '# Manifest and config reference',
    '',
    'Generated from `schemas/*.schema.json` by `npm run docs:manifest` (`neurorack docs manifest-reference --out FILE`); do not edit by hand.',
    'A test fails when this file and the schemas disagree.',
    '',
  ];
  const sorted = [...schemas.entries()].sort(([a], [b]) => a.localeCompare(b));
  for (const [id, schema] of sorted) {
    out.push(`## ${String(schema['title'] ?? id)}`, '', `\`$id\`: ${id}`, '');
    if (schema['description']) out.push(String(schema['description']), '');
    out.push('| field | type | required | default | description |', '| --- | --- | --- | --- | --- |');
    for (const r of rows(schema, schema, '', new Set<string>())) {
      const def = r.default === undefined ? '' : `\`${JSON.stringify(r.default)}\``;
      out.push(`| \`${r.path}\` | ${r.type} | ${r.required ? 'yes' : ''} | ${def} | ${r.description.replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

function deref(node: Json, root: Json): Json {
  const ref = node['$ref'];
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return node;
  let target: unknown = root;
  for (const part of ref.slice(2).split('/')) target = (target as Json)[part];
  const { $ref: _drop, ...rest } = node;
  return { ...deref(target as Json, root), ...rest };
}

function typeOf(node: Json): string {
  if (node['enum']) return (node['enum'] as unknown[]).map((v) => `\`${JSON.stringify(v)}\``).join(' \\| ');
  if ('const' in node) return `\`${JSON.stringify(node['const'])}\``;
  const t = node['type'];
  const fmt = node['format'] ? ` (${String(node['format'])})` : '';
  const range = ['minimum', 'exclusiveMinimum', 'maximum', 'exclusiveMaximum']
    .filter((k) => k in node)
    .map((k) => `${{ minimum: '≥', exclusiveMinimum: '>', maximum: '≤', exclusiveMaximum: '<' }[k]}${String(node[k])}`)
    .join(' ');
  if (node['oneOf'] && !t) return 'one of the forms below';
  return `${Array.isArray(t) ? t.join(' \\| ') : String(t ?? 'any')}${fmt}${range ? ` ${range}` : ''}`;
}

/** `seen` holds the $refs on the current path, so recursive definitions (menu items) stop. */
function rows(rawNode: Json, root: Json, prefix: string, seen: Set<string>): Row[] {
  const ref = rawNode['$ref'];
  if (typeof ref === 'string') {
    if (seen.has(ref)) return [];
    seen = new Set([...seen, ref]);
  }
  const node = deref(rawNode, root);
  const result: Row[] = [];
  const props = (node['properties'] ?? {}) as Record<string, Json>;
  const required = new Set((node['required'] ?? []) as string[]);
  for (const [name, rawChild] of Object.entries(props)) {
    if (name === '$schema') continue;
    const child = deref(rawChild, root);
    const path = prefix ? `${prefix}.${name}` : name;
    result.push({ path, type: typeOf(child), required: required.has(name), default: child['default'], description: String(child['description'] ?? '') });
    result.push(...children(rawChild, root, path, seen));
  }
  result.push(...conditionalRows(node, root, prefix, new Set(Object.keys(props)), required));
  return result;
}

/**
 * The properties an object gains by condition (`allOf: [{ if: { properties: { type: { const } } },
 * then: { properties } }]`, as a replay's events do): one row per property, naming the cases it
 * belongs to, e.g. `jack` (when `type` is `"cv"`, `"gate"`). Rows that differ by case stay apart.
 */
function conditionalRows(node: Json, root: Json, prefix: string, own: ReadonlySet<string>, always: ReadonlySet<string>): Row[] {
  const merged = new Map<string, { row: Row; cases: string[]; key: string }>();
  for (const branch of (node['allOf'] ?? []) as Json[]) {
    const cond = ((branch['if'] as Json | undefined)?.['properties'] ?? {}) as Record<string, Json>;
    const then = branch['then'] as Json | undefined;
    const [[key, test] = []] = Object.entries(cond);
    if (!then || !key || !test || !('const' in test)) continue;
    const required = new Set((then['required'] ?? []) as string[]);
    for (const [name, rawChild] of Object.entries((then['properties'] ?? {}) as Record<string, Json>)) {
      if (own.has(name)) continue;
      const child = deref(rawChild, root);
      const row: Row = { path: prefix ? `${prefix}.${name}` : name, type: typeOf(child), required: required.has(name) || always.has(name), default: child['default'], description: String(child['description'] ?? '') };
      const id = JSON.stringify(row);
      const at = merged.get(id) ?? { row, cases: [], key };
      at.cases.push(JSON.stringify(test['const']));
      merged.set(id, at);
    }
  }
  return [...merged.values()].map(({ row, cases, key }) => ({ ...row, description: `(when \`${key}\` is ${cases.map((c) => `\`${c}\``).join(', ')}) ${row.description}`.trimEnd() }));
}

function children(rawChild: Json, root: Json, path: string, seen: Set<string>): Row[] {
  const out: Row[] = [];
  const child = deref(rawChild, root);
  if (child['properties']) out.push(...rows(rawChild, root, path, seen));
  const items = child['items'] as Json | undefined;
  if (items && deref(items, root)['properties']) out.push(...rows(items, root, `${path}[]`, seen));
  for (const alt of (child['oneOf'] ?? []) as Json[]) {
    if (deref(alt, root)['properties']) out.push(...rows(alt, root, path, seen));
  }
  return out;
}
