import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../core/paths';
import { renderSchemaReference } from '../../core/schemas/schema-docs';
import { SchemaRegistry } from '../../core/schemas/schema-registry';

describe('docs/manifest-reference.md', () => {
  it('is what the schemas generate (run `npm run docs:manifest` after changing a schema)', () => {
    const committed = readFileSync(join(packageRoot, 'docs', 'manifest-reference.md'), 'utf8');
    assert.equal(committed, renderSchemaReference(new SchemaRegistry().schemas));
  });

  it('documents every schema and the fields people edit most', () => {
    const text = renderSchemaReference(new SchemaRegistry().schemas);
    for (const field of ['`host`', '`provides`', '`devices.cvAdc.jacks[].calibration.gain`', '`golden.tolerance`', '`events`', '`items[].confirm`']) {
      assert.ok(text.includes(field), `mentions ${field}`);
    }
  });

  it('documents the fields a replay event has by its type (they live in allOf/if/then; the README walk had to guess them)', () => {
    const text = renderSchemaReference(new SchemaRegistry().schemas);
    for (const row of [
      '| `events[].t` | number ≥0 | yes |',
      '| `events[].volts` | number ≥-12 ≤12 | yes |  | (when `type` is `"cv"`)',
      '| `events[].state` | `"high"` \\| `"low"` | yes |  | (when `type` is `"gate"`)',
      '| `events[].delta` | integer ≥-1000 ≤1000 | yes |  | (when `type` is `"encoder"`)',
    ]) assert.ok(text.includes(row), `lists ${row}`);
  });
});
