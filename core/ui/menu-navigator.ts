import type { MenuItem, MenuTree } from './menu-tree';
import type { MenuFrame, MenuLine } from './screen-page';

/** A page on the navigation stack, with its own local state. */
export interface PageScreen {
  readonly kind: 'page';
  readonly pageId: string;
  local: unknown;
}

/** A menu level on the navigation stack. */
export interface MenuScreen {
  readonly kind: 'menu';
  readonly items: readonly MenuItem[];
  readonly trail: readonly string[];
  cursor: number;
}

export type Screen = PageScreen | MenuScreen;

/** A question waiting for No (choice 0, the default) or Yes (choice 1). */
export interface Dialog {
  readonly text: string;
  choice: 0 | 1;
  readonly onYes: () => Promise<void> | void;
}

/** What the navigator needs from the runtime: pages and actions. */
export interface NavigatorDeps {
  /** The full id of a page, or undefined when no such page exists. */
  resolvePage(id: string): string | undefined;
  /** A fresh local state for a page that is being opened. */
  initPage(pageId: string): unknown;
  hasAction(name: string): boolean;
  runAction(name: string): Promise<void> | void;
  pageTurn(screen: PageScreen, delta: number, accelerated: number): void;
  /** Whether the page handles press itself; if not, press on the home page opens the menu. */
  pagePress(screen: PageScreen): boolean;
  /** Whether the page consumed a long press; if not, the navigator goes back. */
  pageLongPress(screen: PageScreen): boolean;
  /** A page was taken off the stack. */
  pageLeave?(screen: PageScreen): void;
  toast(text: string, level: 'info' | 'warn' | 'error'): void;
}

/**
 * The encoder conventions as a state machine over a stack of screens (home page at the bottom):
 * turn moves the menu cursor (no wrap; clockwise, a positive delta, moves it down) or goes to the
 * page; press enters a sub-menu, opens a page, runs an action (after a No/Yes dialog when the item
 * has `confirm`), or goes to the page; long press cancels a dialog or goes back one level (never
 * below home). A short press always does something: on home a press the page does not take opens
 * the menu, on any other page it goes back one level. Opening the home page (the menu's "Perform")
 * returns home instead of stacking a second copy of it.
 */
export class MenuNavigator {
  private readonly stack: Screen[] = [];
  private dialogState: Dialog | undefined;

  constructor(
    private tree: MenuTree,
    private readonly deps: NavigatorDeps,
    homePage: string | undefined,
  ) {
    const home = homePage && deps.resolvePage(homePage);
    this.stack.push(home ? { kind: 'page', pageId: home, local: deps.initPage(home) } : this.rootMenu());
  }

  get current(): Screen {
    return this.stack[this.stack.length - 1]!;
  }

  get depth(): number {
    return this.stack.length;
  }

  get dialog(): Dialog | undefined {
    return this.dialogState;
  }

  /** Replaces the menu tree (a plugin added items); the stack goes back to home. */
  setTree(tree: MenuTree): void {
    this.tree = tree;
    this.popTo(1);
  }

  /** The menu level to show: the top of the stack when it is a menu, the root otherwise. */
  menuFrame(): MenuFrame {
    const m = [...this.stack].reverse().find((s): s is MenuScreen => s.kind === 'menu') ?? this.rootMenu();
    return { trail: m.trail, cursor: m.cursor, lines: m.items.map((i) => this.line(i)) };
  }

  /** Opens a page on top of the stack (e.g. the host asks for the models page); the home page returns home. */
  openPage(id: string): boolean {
    const full = this.deps.resolvePage(id);
    if (!full) return false;
    const home = this.stack[0]!;
    if (home.kind === 'page' && home.pageId === full) {
      this.popTo(1);
      return true;
    }
    this.stack.push({ kind: 'page', pageId: full, local: this.deps.initPage(full) });
    return true;
  }

  openMenu(): void {
    this.stack.push(this.rootMenu());
  }

  ask(text: string, onYes: () => Promise<void> | void): void {
    this.dialogState = { text, choice: 0, onYes };
  }

  back(): void {
    if (this.stack.length > 1) this.popTo(this.stack.length - 1);
  }

  /** Takes screens off the top until `depth` remain, telling each page it leaves. */
  private popTo(depth: number): void {
    while (this.stack.length > depth) {
      const s = this.stack.pop()!;
      if (s.kind === 'page') this.deps.pageLeave?.(s);
    }
  }

  turn(delta: number, accelerated: number): void {
    if (delta === 0) return;
    const d = this.dialogState;
    if (d) {
      d.choice = delta > 0 ? 1 : 0;
      return;
    }
    const s = this.current;
    if (s.kind === 'menu') s.cursor = Math.max(0, Math.min(s.items.length - 1, s.cursor + delta));
    else this.deps.pageTurn(s, delta, accelerated);
  }

  /** Resolves when what the press started (an action, a dialog's Yes) has been handed to the host. */
  async press(): Promise<void> {
    const d = this.dialogState;
    if (d) {
      this.dialogState = undefined;
      if (d.choice === 1) await d.onYes();
      return;
    }
    const s = this.current;
    if (s.kind === 'page') {
      if (this.deps.pagePress(s)) return;
      if (this.stack.length === 1) this.openMenu();
      else this.back();
      return;
    }
    const item = s.items[s.cursor];
    if (!item) return;
    if (item.items) {
      this.stack.push({ kind: 'menu', items: item.items, trail: [...s.trail, item.label], cursor: 0 });
    } else if (item.page !== undefined) {
      if (!this.openPage(item.page)) this.deps.toast(`No page "${item.page}"`, 'error');
    } else if (item.action !== undefined) {
      const name = item.action;
      if (!this.deps.hasAction(name)) {
        this.deps.toast(`No action "${name}"`, 'error');
        return;
      }
      if (item.confirm) this.ask(`${item.label}?`, () => this.deps.runAction(name));
      else await this.deps.runAction(name);
    }
  }

  longPress(): void {
    if (this.dialogState) {
      this.dialogState = undefined;
      return;
    }
    const s = this.current;
    if (s.kind === 'page' && this.deps.pageLongPress(s)) return;
    this.back();
  }

  private rootMenu(): MenuScreen {
    return { kind: 'menu', items: this.tree.items, trail: [], cursor: 0 };
  }

  private line(i: MenuItem): MenuLine {
    const kind = i.items ? 'items' : i.page !== undefined ? 'page' : 'action';
    const broken = kind === 'page' ? !this.deps.resolvePage(i.page!) : kind === 'action' ? !this.deps.hasAction(i.action!) : false;
    return { label: i.label, kind, confirm: i.confirm === true, broken };
  }
}
