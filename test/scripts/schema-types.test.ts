import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_DIR, generateSchemaTypes } from '../../scripts/schema-types';

describe('core/generated (types generated from schemas/)', () => {
  it('matches what the generator writes from the schemas today: run `npm run schemas:types` after changing a schema', async () => {
    const files = await generateSchemaTypes();
    const checkedIn = readdirSync(GENERATED_DIR).filter((f) => f.endsWith('.ts')).sort();
    assert.deepEqual(checkedIn, [...files.keys()].sort(), 'one generated file per schema, and no others');
    for (const [name, text] of files) {
      assert.equal(readFileSync(join(GENERATED_DIR, name), 'utf8'), text, `core/generated/${name} is stale: run npm run schemas:types`);
    }
  });
});
