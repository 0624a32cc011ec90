import assert from 'node:assert/strict';
import { MenuNavigator, type NavigatorDeps, type PageScreen } from '../../../core/ui/menu-navigator';
import type { MenuTree } from '../../../core/ui/menu-tree';

const tree: MenuTree = {
  items: [
    { label: 'Models', page: 'models' },
    { label: 'Admin', items: [{ label: 'Stats', page: 'stats' }, { label: 'Shutdown', action: 'shutdown', confirm: true }, { label: 'Reload', action: 'reload-model' }] },
    { label: 'Ghost', page: 'nope' },
  ],
};

function make(pageHandles = false) {
  const ran: string[] = [];
  const toasts: string[] = [];
  const pageEvents: string[] = [];
  const deps: NavigatorDeps = {
    resolvePage: (id) => (['perform', 'models', 'stats'].includes(id) ? `ui-core/${id}` : undefined),
    initPage: () => ({}),
    hasAction: (n) => ['shutdown', 'reload-model'].includes(n),
    runAction: (n) => void ran.push(n),
    pageTurn: (s: PageScreen, d) => void pageEvents.push(`turn ${s.pageId} ${d}`),
    pagePress: (s) => (pageEvents.push(`press ${s.pageId}`), pageHandles),
    pageLongPress: () => false,
    toast: (t) => void toasts.push(t),
  };
  return { nav: new MenuNavigator(tree, deps, 'perform'), ran, toasts, pageEvents };
}

describe('MenuNavigator (encoder conventions)', () => {
  it('starts on home; press opens the menu; long press goes back, never below home', async () => {
    const { nav } = make();
    assert.equal(nav.current.kind, 'page');
    await nav.press();
    assert.equal(nav.current.kind, 'menu');
    nav.longPress();
    assert.deepEqual(nav.current, { kind: 'page', pageId: 'ui-core/perform', local: {} });
    nav.longPress();
    assert.equal(nav.depth, 1);
  });

  it('turn moves the cursor without wrapping; press enters sub-menus and opens pages', async () => {
    const { nav } = make();
    nav.openMenu();
    nav.turn(-3, -3);
    assert.equal(nav.menuFrame().cursor, 0);
    nav.turn(10, 10);
    assert.equal(nav.menuFrame().cursor, 2);
    nav.turn(-1, -1);
    await nav.press();
    assert.deepEqual(nav.menuFrame().trail, ['Admin']);
    await nav.press();
    assert.equal((nav.current as PageScreen).pageId, 'ui-core/stats');
    nav.longPress();
    assert.deepEqual(nav.menuFrame().trail, ['Admin']);
  });

  it('marks items whose page or action is missing, and toasts when one is pressed', async () => {
    const { nav, toasts } = make();
    nav.openMenu();
    assert.deepEqual(nav.menuFrame().lines.map((l) => l.broken), [false, false, true]);
    nav.turn(2, 2);
    await nav.press();
    assert.equal(nav.current.kind, 'menu');
    assert.match(toasts[0]!, /No page "nope"/);
  });

  it('asks before a destructive action: No is the default, Yes runs it, long press cancels', async () => {
    const { nav, ran } = make();
    nav.openMenu();
    nav.turn(1, 1);
    await nav.press();
    nav.turn(1, 1); // Shutdown
    await nav.press();
    assert.equal(nav.dialog?.text, 'Shutdown?');
    await nav.press(); // No
    assert.deepEqual(ran, []);
    assert.equal(nav.dialog, undefined);
    await nav.press();
    nav.longPress(); // cancel
    assert.equal(nav.dialog, undefined);
    assert.deepEqual(ran, []);
    assert.deepEqual(nav.menuFrame().trail, ['Admin'], 'the cancel did not also go back');
    await nav.press();
    nav.turn(1, 1);
    await nav.press(); // Yes
    assert.deepEqual(ran, ['shutdown']);
  });

  it('runs a non-destructive action at once', async () => {
    const { nav, ran } = make();
    nav.openMenu();
    nav.turn(1, 1);
    await nav.press();
    nav.turn(2, 2);
    await nav.press();
    assert.deepEqual(ran, ['reload-model']);
  });

  it('sends turns and presses to the page on top', async () => {
    const { nav, pageEvents } = make(true);
    nav.turn(2, 4);
    await nav.press();
    assert.deepEqual(pageEvents, ['turn ui-core/perform 2', 'press ui-core/perform']);
    assert.equal(nav.depth, 1, 'the page handled the press, so the menu did not open');
  });
});
