import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DESCRIPTOR_ORDER } from '../../../core/descriptors/descriptor-matrix';
import { packageRoot } from '../../../core/paths';

const ORDER_FILE = join(packageRoot, 'schemas', 'descriptor-order.json');

/** Where code lives that might spell the order out again, by file ending. */
const SCANNED: ReadonlyArray<{ dir: string; ext: readonly string[] }> = [
  { dir: 'core', ext: ['.ts'] },
  { dir: 'plugins', ext: ['.ts', '.js'] },
  { dir: 'test', ext: ['.ts'] },
  { dir: 'scripts', ext: ['.ts', '.js', '.py'] },
  { dir: 'bench', ext: ['.ts', '.py'] },
  { dir: 'web', ext: ['.js', '.html'] },
  { dir: 'training', ext: ['.py'] },
];
/** Generated from the order file (and checked against it by test/scripts/schema-types.test.ts). */
const EXEMPT = new Set(['core/generated/descriptor-order.ts']);

/** A list of the names in order (any quotes), or a table of each name's column starting at 0. */
const COPIES = [/['"`]rms['"`]\s*,\s*['"`]zcr['"`]\s*,\s*['"`]rolloff['"`]/, /['"`]?rms['"`]?\s*:\s*0\s*,\s*['"`]?zcr['"`]?\s*:\s*1\b/];

function* files(dir: string, ext: readonly string[]): Generator<string> {
  for (const ent of readdirSync(dir, { withFileTypes: true })) {
    if (ent.name === 'node_modules' || ent.name === '__pycache__' || ent.name.startsWith('.')) continue;
    const path = join(dir, ent.name);
    if (ent.isDirectory()) yield* files(path, ext);
    else if (ext.some((e) => ent.name.endsWith(e))) yield path;
  }
}

/** Files under the scanned folders that spell the descriptor order out instead of reading it. */
export function hardCodedCopies(root: string = packageRoot): string[] {
  const found: string[] = [];
  for (const { dir, ext } of SCANNED) {
    for (const file of files(join(root, dir), ext)) {
      const rel = relative(root, file);
      if (EXEMPT.has(rel)) continue;
      const text = readFileSync(file, 'utf8');
      text.split('\n').forEach((line, i) => {
        if (COPIES.some((re) => re.test(line))) found.push(`${rel}:${i + 1}`);
      });
    }
  }
  return found;
}

describe('schemas/descriptor-order.json (the one descriptor order)', () => {
  it('is what the host uses', () => {
    const { order } = JSON.parse(readFileSync(ORDER_FILE, 'utf8')) as { order: string[] };
    assert.deepEqual([...DESCRIPTOR_ORDER], order);
  });

  it('agrees with the schemas that pin descriptor names (bank columns in order, model manifest names)', () => {
    const bank = JSON.parse(readFileSync(join(packageRoot, 'schemas', 'descriptor-bank.schema.json'), 'utf8')) as {
      properties: { descriptors: { items: Array<{ allOf: [{ properties: { name: { const: string } } }] }> } };
    };
    assert.deepEqual(bank.properties.descriptors.items.map((d) => d.allOf[0].properties.name.const), [...DESCRIPTOR_ORDER]);
    const model = readFileSync(join(packageRoot, 'schemas', 'model-manifest.schema.json'), 'utf8');
    assert.ok(model.includes(`"enum": ${JSON.stringify([...DESCRIPTOR_ORDER]).replace(/,/g, ', ')}`), 'model-manifest.schema.json names the descriptors in the same order');
  });

  it('is spelled out nowhere else in TypeScript, the browser code or training/ (read the file, or DESCRIPTOR_ORDER)', () => {
    assert.deepEqual(hardCodedCopies(), []);
  });
});
