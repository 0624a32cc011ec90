import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addPlacements, loadMenu, MENU_ERROR_PAGE } from '../../../core/ui/menu-tree';
import { SchemaRegistry } from '../../../core/schemas/schema-registry';

const schemas = new SchemaRegistry();
const dir = mkdtempSync(join(tmpdir(), 'nr-menu-'));
const file = (name: string, text: string) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};
const placements = [
  { pageId: 'ui-core/models', title: 'Models', menu: 'Models' },
  { pageId: 'extra/scope', title: 'Scope', menu: 'Admin/Scope' },
  { pageId: 'extra/hidden', title: 'Hidden' },
];

describe('menu tree', () => {
  it('loads a valid menu and adds plugin pages under their menu path, once', () => {
    const m = loadMenu(file('ok.json', JSON.stringify({ items: [{ label: 'Models', page: 'ui-core/models' }, { label: 'Admin', items: [{ label: 'Reboot', action: 'reboot', confirm: true }] }] })), schemas, placements);
    assert.equal(m.error, undefined);
    assert.deepEqual(m.tree.items.map((i) => i.label), ['Models', 'Admin']);
    assert.deepEqual(m.tree.items[1]!.items!.map((i) => [i.label, i.page]), [['Reboot', undefined], ['Scope', 'extra/scope']]);
  });

  it('an off-schema menu gives the fallback tree and an error naming the file and pointer', () => {
    const f = file('bad.json', JSON.stringify({ items: [{ label: 'x', page: 'a', action: 'b' }, { label: '' }] }));
    const m = loadMenu(f, schemas, placements);
    assert.equal(m.error?.code, 'NR_UI_MENU_INVALID');
    assert.equal(m.error?.location.file, f);
    assert.match(m.error!.describe(), /at \/items\//);
    assert.equal(m.tree.items[0]!.page, MENU_ERROR_PAGE);
    assert.ok(m.tree.items.some((i) => i.page === 'ui-core/models'));
  });

  it('malformed JSON and a missing file also fall back', () => {
    assert.equal(loadMenu(file('broken.json', '{ items: '), schemas, placements).error?.code, 'NR_UI_MENU_INVALID');
    assert.equal(loadMenu(join(dir, 'none.json'), schemas, placements).error?.code, 'NR_UI_MENU_INVALID');
  });

  it('does not change the tree it is given', () => {
    const tree = { items: [{ label: 'A', page: 'a' }] };
    addPlacements(tree, placements);
    assert.equal(tree.items.length, 1);
  });
});
