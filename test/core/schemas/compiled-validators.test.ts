import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot, paths } from '../../../core/paths';
import { SchemaIds, SchemaRegistry, type SchemaId } from '../../../core/schemas/schema-registry';

/** A registry that compiles at start, as the host did before the build compiled the schemas ahead of time. */
function compiledAtStart(): SchemaRegistry {
  return new SchemaRegistry(paths.schemas, join(tmpdir(), 'no-such-compiled-validators.js'));
}

function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

/** Documents each schema should judge: the shipped files, a bad edit of each, and an empty object. */
function cases(): Array<{ id: SchemaId; name: string; doc: unknown }> {
  const read = (rel: string) => JSON.parse(readFileSync(join(packageRoot, rel), 'utf8')) as Record<string, unknown>;
  const rack = read('core/profiles/virtual.rack.json');
  const model = read('models/sinc-nsf-impacts-v1/manifest.json');
  const plugin = read('plugins/model-sinc-nsf/plugin.json');
  const out: Array<{ id: SchemaId; name: string; doc: unknown }> = [
    { id: SchemaIds.rack, name: 'virtual profile', doc: rack },
    { id: SchemaIds.rack, name: 'rack with a wrong sample rate type', doc: { ...clone(rack), devices: { ...clone(rack['devices'] as object), audioOut: { binding: 'emulated', sampleRate: 'fast' } } } },
    { id: SchemaIds.modelManifest, name: 'shipped model', doc: model },
    { id: SchemaIds.modelManifest, name: 'model with a bad version', doc: { ...clone(model), version: 'one' } },
    { id: SchemaIds.pluginManifest, name: 'plugin manifest', doc: plugin },
    { id: SchemaIds.pluginManifest, name: 'plugin with an unknown property', doc: { ...clone(plugin), colour: 'red' } },
    { id: SchemaIds.replay, name: 'replay', doc: { duration_s: 2, events: [{ t: 0.5, type: 'gate', jack: 1, state: 'high' }] } },
    { id: SchemaIds.replay, name: 'replay with a bad event', doc: { duration_s: 2, events: [{ t: -1, type: 'gate', jack: 9 }] } },
  ];
  for (const id of Object.values(SchemaIds)) out.push({ id, name: 'an empty object', doc: {} });
  return out;
}

describe('schemas compiled ahead of time by the build (cold start, issue #22)', () => {
  it('the installed registry uses the build\'s validators', () => {
    assert.equal(new SchemaRegistry().precompiled, true, 'dist/core/schemas/compiled-validators.js missing or made from other schemas: run npm run build');
    assert.equal(compiledAtStart().precompiled, false);
  });

  it('judge every case as the validators compiled at start do: the same verdict, errors and defaults filled in', () => {
    const ahead = new SchemaRegistry();
    const atStart = compiledAtStart();
    let invalid = 0;
    for (const c of cases()) {
      const a = clone(c.doc);
      const b = clone(c.doc);
      const ra = ahead.check(c.id, a);
      const rb = atStart.check(c.id, b);
      assert.deepEqual(ra, rb, `${c.name}: verdicts and errors differ`);
      assert.deepEqual(a, b, `${c.name}: defaults filled in differently`);
      if (!ra.valid) invalid++;
    }
    assert.ok(invalid >= 8, `${invalid} invalid cases: the bad edits must fail`);
  });

  it('schemas that differ from those the build compiled are compiled at start instead (a stale build is never trusted)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nr-schemas-'));
    cpSync(paths.schemas, dir, { recursive: true });
    const file = join(dir, 'replay.schema.json');
    const schema = JSON.parse(readFileSync(file, 'utf8')) as { properties: { duration_s: Record<string, unknown> } };
    schema.properties.duration_s['maximum'] = 1;
    writeFileSync(file, JSON.stringify(schema));
    const changed = new SchemaRegistry(dir);
    assert.equal(changed.precompiled, false);
    assert.equal(changed.check(SchemaIds.replay, { duration_s: 2, events: [] }).valid, false, 'the changed schema is the one applied');
    assert.equal(new SchemaRegistry().check(SchemaIds.replay, { duration_s: 2, events: [] }).valid, true);
  });

  it('a thread that validates with the build\'s validators never loads Ajv (about 50 ms of every thread\'s start, model workers included)', () => {
    // A fresh process: this one has long loaded Ajv for the registries above.
    const script = `
      const { SchemaRegistry, SchemaIds } = require(${JSON.stringify(join(packageRoot, 'dist/core/schemas/schema-registry.js'))});
      require(${JSON.stringify(join(packageRoot, 'dist/core/sdk/index.js'))});
      const registry = new SchemaRegistry();
      const ok = registry.check(SchemaIds.replay, { duration_s: 2, events: [] }).valid;
      const bad = registry.check(SchemaIds.replay, { duration_s: -1, events: [] }).valid;
      const ajv = Object.keys(require.cache).filter((f) => f.includes('/node_modules/ajv/dist/ajv.js') || f.includes('/node_modules/ajv/dist/core.js'));
      process.stdout.write(JSON.stringify({ ok, bad, ajv }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['-r', 'reflect-metadata', '-e', script], { cwd: packageRoot, encoding: 'utf8' })) as { ok: boolean; bad: boolean; ajv: string[] };
    assert.deepEqual({ ok: out.ok, bad: out.bad }, { ok: true, bad: false }, 'it still validates');
    assert.deepEqual(out.ajv, [], 'Ajv was loaded');
  });
});
