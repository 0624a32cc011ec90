import type { Display } from '../devices/display/display';
import { asNeurorackError } from '../errors/neurorack-error';
import type { Clock } from '../scheduler/clock';
import { Priority, type PeriodicTaskSpec } from '../scheduler/scheduler';
import { errorPage } from './error-page';
import { menuActions, type HostActions } from './host-actions';
import type { HostView } from './host-view';
import { MENU_ERROR_PAGE, type LoadedMenu } from './menu-tree';
import { MenuNavigator, type PageScreen } from './menu-navigator';
import { dialogOverlay, toastOverlay } from './overlays';
import type { PageRegistry } from './page-registry';
import { PageRenderer, WidgetError, type Overlay, type RenderResult } from './page-renderer';
import type { PageFrame, PageInputContext, ScreenPage } from './screen-page';
import { TurnAcceleration } from './turn-acceleration';

/** Input as the screen understands it; the encoder and button bindings produce these. */
export type UiInput =
  | { readonly type: 'turn'; readonly delta: number; readonly timeMs?: number }
  | { readonly type: 'press' }
  | { readonly type: 'long-press' };

export interface ScreenRuntimeOptions {
  readonly display: Display;
  /** The host's current state; called once per frame and once per input (or, with `revision`, only when that changed). */
  readonly view: () => HostView;
  /**
   * A number that changes whenever `view()` may have changed (LiveHost.revision; NaN while it
   * cannot tell, e.g. booting). With it the screen draws only on change: a tick whose revision,
   * input and toasts are as the last frame left them, and which is past the settle time, draws
   * nothing and allocates nothing. Without it every tick draws.
   */
  readonly revision?: () => number;
  readonly actions: HostActions;
  readonly pages: PageRegistry;
  readonly menu: LoadedMenu;
  readonly clock: Clock;
  /** True while the audio path reports load: the screen skips frames until it clears. */
  readonly audioBusy?: () => boolean;
  /** Page ids: home (bottom of the stack), boot (while booting) and the menu page. */
  readonly homePage?: string;
  readonly bootPage?: string;
  readonly menuPage?: string;
  /** How long a toast stays, ms. */
  readonly toastMs?: number;
}

export type FrameOutcome = 'pushed' | 'unchanged' | 'skipped-busy' | 'skipped-load' | 'failed';

/**
 * After a visible change (an input, a frame that pushed) the screen keeps drawing every tick for
 * this long, so what changes with time alone after it (a gate's flash, an animation) is drawn
 * too; then it draws only when the revision changes. A new revision that changes nothing on the
 * page costs one frame.
 */
export const SCREEN_SETTLE_MS = 500;

export interface ScreenStats {
  /** Ticks that drew nothing: nothing had changed since the screen settled. */
  idle: number;
  frames: number;
  pushed: number;
  unchanged: number;
  skippedBusy: number;
  skippedLoad: number;
  /** draw + convert wall ms of the last 256 rendered frames. */
  readonly renderMs: number[];
  /** draw + convert CPU ms of the same frames. */
  readonly renderCpuMs: number[];
}

interface OwnToast {
  readonly id: string;
  readonly level: 'info' | 'warn' | 'error';
  readonly text: string;
  readonly timeMs: number;
}

/**
 * The screen: navigation (encoder conventions), page rendering with dirty tracking, toasts and
 * dialogs, and the push to the display. It runs as a low-priority periodic task; a frame is
 * skipped when the previous push is still in flight or the audio path reports load. A page that
 * throws is replaced by the error page (with a toast); every other page keeps working.
 */
export class ScreenRuntime {
  readonly nav: MenuNavigator;
  readonly renderer = new PageRenderer();
  readonly stats: ScreenStats = { idle: 0, frames: 0, pushed: 0, unchanged: 0, skippedBusy: 0, skippedLoad: 0, renderMs: [], renderCpuMs: [] };
  private readonly broken = new Map<string, { title: string; message: string }>();
  private readonly toasts: OwnToast[] = [];
  private readonly accel = new TurnAcceleration();
  private pushing = false;
  private toastSeq = 0;
  /** Something of the screen's own changed (input, toast, navigation): the next tick draws. */
  private uiDirty = true;
  /** The revision the last frame drew (NaN: none, or the host could not tell). */
  private drawnRevision = Number.NaN;
  /** When the last change was seen (clock ms). */
  private changedAt = Number.NEGATIVE_INFINITY;
  /** Whether the last frame showed a toast or a dialog (toasts expire with time). */
  private overlaid = false;
  /** The view of the current revision, reused until the revision changes. */
  private cachedView: HostView | undefined;
  private cachedRevision = Number.NaN;
  private readonly onFrameError = (err: unknown): void => this.toast(asNeurorackError(err).describe(), 'error');

  constructor(private readonly o: ScreenRuntimeOptions) {
    const pages = o.pages;
    this.nav = new MenuNavigator(o.menu.tree, {
      resolvePage: (id) => (id === MENU_ERROR_PAGE && o.menu.error ? id : pages.resolve(id)),
      initPage: (id) => this.initPage(id),
      hasAction: (name) => name in menuActions,
      runAction: (name) => this.runAction(name),
      pageTurn: (s, delta, accelerated) => this.pageInput(s, 'turn', delta, accelerated),
      pagePress: (s) => this.pageInput(s, 'press', 0, 0),
      pageLongPress: (s) => this.pageInput(s, 'long-press', 0, 0),
      pageLeave: (s) => void this.pageInput(s, 'leave', 0, 0),
      toast: (text, level) => this.toast(text, level),
    }, o.homePage ?? 'perform');
    if (o.menu.error) {
      this.broken.set(MENU_ERROR_PAGE, { title: 'Menu error', message: o.menu.error.describe() });
      this.toast(`Menu: ${o.menu.error.message}`, 'error');
    }
  }

  /** A scheduler task running the screen at `fps` with display priority. */
  task(fps = 15): PeriodicTaskSpec {
    return { id: 'screen', periodMs: 1000 / fps, priority: Priority.display, deadlineMs: 1000 / fps, run: () => this.tick() };
  }

  /** One frame without waiting for the push (what the scheduler calls); nothing at all when nothing changed. */
  tick(): void {
    if (!this.due()) {
      this.stats.idle++;
      return;
    }
    this.frame().catch(this.onFrameError);
  }

  /** Whether a tick must draw: see `revision` and SCREEN_SETTLE_MS. */
  private due(): boolean {
    if (this.uiDirty || this.overlaid || this.pushing || !this.o.revision) return true;
    const now = this.o.clock.now();
    if (this.o.revision() !== this.drawnRevision) return true;
    return now - this.changedAt < SCREEN_SETTLE_MS;
  }

  /** Draws the current screen and pushes what changed; resolves when the push is done. */
  async frame(): Promise<FrameOutcome> {
    if (this.pushing) {
      this.stats.skippedBusy++;
      return 'skipped-busy';
    }
    if (this.o.audioBusy?.()) {
      this.stats.skippedLoad++;
      return 'skipped-load';
    }
    this.stats.frames++;
    const revision = this.o.revision?.() ?? Number.NaN;
    const now = this.o.clock.now();
    if (this.uiDirty) this.changedAt = now;
    this.uiDirty = false;
    this.drawnRevision = revision;
    const result = this.draw();
    const { renderMs, renderCpuMs } = this.stats;
    renderMs.push(result.drawMs + result.convertMs);
    renderCpuMs.push(result.cpuMs);
    if (renderMs.length > 256) renderMs.shift();
    if (renderCpuMs.length > 256) renderCpuMs.shift();
    if (!result.dirty) {
      this.stats.unchanged++;
      return 'unchanged';
    }
    this.changedAt = now;
    this.pushing = true;
    try {
      const sent = await this.o.display.pushFrame(this.renderer.frame, result.dirty);
      if (sent) this.stats.pushed++;
      else this.stats.unchanged++;
      return sent ? 'pushed' : 'unchanged';
    } catch (err) {
      this.toast(asNeurorackError(err).describe(), 'error');
      return 'failed';
    } finally {
      this.pushing = false;
    }
  }

  /** Handles one input; resolves once what it started (an action) was handed to the host. */
  input(event: UiInput): Promise<void> {
    this.uiDirty = true;
    const p = this.handle(event);
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
    return p;
  }

  /** Resolves when every input handed in so far has been handled (drivers call `input` without waiting). */
  async whenIdle(): Promise<void> {
    while (this.inflight.size) await Promise.all([...this.inflight]);
  }

  private readonly inflight = new Set<Promise<void>>();

  private async handle(event: UiInput): Promise<void> {
    try {
      if (event.type === 'turn') this.nav.turn(event.delta, this.accel.apply(event.delta, event.timeMs ?? this.o.clock.now()));
      else if (event.type === 'press') await this.nav.press();
      else this.nav.longPress();
    } catch (err) {
      this.toast(asNeurorackError(err, 'NR_UI_ACTION_FAILED').message, 'error');
    }
    await this.settle();
    this.uiDirty = true; // what the input started may have changed the page after it returned
  }

  /** Shows a toast for `toastMs`. */
  toast(text: string, level: 'info' | 'warn' | 'error' = 'info'): void {
    this.toasts.push({ id: `ui-${++this.toastSeq}`, level, text, timeMs: this.o.clock.now() });
    if (this.toasts.length > 16) this.toasts.shift();
    this.uiDirty = true;
  }

  /** The host's view: built again only when its revision changed (every call without `revision`). */
  hostView(): HostView {
    const revision = this.o.revision?.();
    if (revision === undefined || revision !== this.cachedRevision || !this.cachedView) {
      this.cachedView = this.o.view();
      this.cachedRevision = revision ?? Number.NaN;
    }
    return this.cachedView;
  }

  /** The id of the page on screen now (`ui-core/perform`, `error:menu`, ...), `menu` for a menu level. */
  currentPageId(): string {
    const view = this.hostView();
    return this.resolveCurrent(view).pageKey.split('#')[0]!;
  }

  /** What the LED and the host want to know about the screen. */
  status(): { dialog: boolean; error: boolean; page: string } {
    const now = this.o.clock.now();
    const error = this.activeToasts(this.hostView(), now).some((t) => t.level === 'error') || this.broken.has(this.currentPageId());
    return { dialog: this.nav.dialog !== undefined, error, page: this.currentPageId() };
  }

  /** Page ids that threw and now show the error page. */
  brokenPages(): string[] {
    return [...this.broken.keys()];
  }

  private pending: Promise<unknown> | undefined;

  /** Waits for the async part of the last page press (tests use it through `input`). */
  private async settle(): Promise<void> {
    while (this.pending) {
      const p = this.pending;
      await p;
      if (this.pending === p) this.pending = undefined;
    }
  }

  private draw(): RenderResult {
    const view = this.hostView();
    const now = this.o.clock.now();
    const current = this.resolveCurrent(view);
    const overlays = this.overlays(view, now);
    this.overlaid = overlays.length > 0;
    const frame: PageFrame = { view, local: current.local, nowMs: now, menu: this.nav.menuFrame(), title: current.title, error: current.error };
    try {
      return this.renderer.render(current.pageKey, current.page, frame, overlays);
    } catch (err) {
      const message = err instanceof WidgetError ? `${err.message}` : asNeurorackError(err).message;
      this.markBroken(current.pageId, current.title, message);
      this.renderer.invalidate();
      const again = this.resolveCurrent(view);
      const errFrame: PageFrame = { ...frame, local: undefined, title: again.title, error: again.error };
      return this.renderer.render(again.pageKey, again.page, errFrame, this.overlays(view, now));
    }
  }

  private resolveCurrent(view: HostView): { pageId: string; pageKey: string; page: ScreenPage<any>; local: unknown; title: string; error?: { title: string; message: string } } {
    const s = this.nav.current;
    let pageId: string;
    let local: unknown;
    if (view.phase === 'booting' && this.o.pages.resolve(this.o.bootPage ?? 'boot')) {
      pageId = this.o.pages.resolve(this.o.bootPage ?? 'boot')!;
    } else if (s.kind === 'menu') {
      pageId = this.o.pages.resolve(this.o.menuPage ?? 'menu') ?? MENU_ERROR_PAGE;
      if (!this.broken.has(pageId) && pageId === MENU_ERROR_PAGE) this.broken.set(pageId, { title: 'Menu', message: 'No menu page is installed (ui-core missing?)' });
    } else {
      pageId = s.pageId;
      local = s.local;
    }
    const instance = `${pageId}#${this.nav.depth}`;
    const fault = this.broken.get(pageId);
    if (fault) return { pageId, pageKey: `${instance}!error`, page: errorPage, local: undefined, title: fault.title, error: fault };
    const reg = this.o.pages.get(pageId)!;
    return { pageId, pageKey: instance, page: reg.page, local, title: reg.offer.title };
  }

  private overlays(view: HostView, now: number): Overlay[] {
    const out: Overlay[] = [];
    const d = this.nav.dialog;
    if (d) out.push({ widget: dialogOverlay, model: { text: d.text, choice: d.choice } });
    const active = this.activeToasts(view, now);
    const newest = active[active.length - 1];
    if (newest) out.push({ widget: toastOverlay, model: { level: newest.level, text: newest.text, more: active.length - 1 } });
    return out;
  }

  private activeToasts(view: HostView, now: number): OwnToast[] {
    const ttl = this.o.toastMs ?? 4000;
    return [...view.toasts.map((t) => ({ id: t.id, level: t.level, text: t.code ? `${t.code}: ${t.text}` : t.text, timeMs: t.timeMs })), ...this.toasts]
      .filter((t) => now - t.timeMs < ttl && now >= t.timeMs - ttl)
      .sort((a, b) => a.timeMs - b.timeMs);
  }

  private initPage(fullId: string): unknown {
    const reg = this.o.pages.get(fullId);
    if (!reg?.page.init) return {};
    try {
      return reg.page.init(this.hostView());
    } catch (err) {
      this.markBroken(fullId, reg.offer.title, `init threw: ${asNeurorackError(err).message}`);
      return {};
    }
  }

  private pageInput(s: PageScreen, kind: 'turn' | 'press' | 'long-press' | 'leave', delta: number, accelerated: number): boolean {
    const reg = this.o.pages.get(s.pageId);
    if (!reg || this.broken.has(s.pageId)) return false;
    const page = reg.page;
    const ctx: PageInputContext = {
      view: this.hostView(),
      local: s.local,
      actions: this.o.actions,
      nowMs: this.o.clock.now(),
      delta,
      accelerated,
      toast: (text, level) => this.toast(text, level ?? 'info'),
      confirm: (text, onYes) => this.nav.ask(text, onYes),
      back: () => this.nav.back(),
    };
    try {
      if (kind === 'turn') {
        page.onTurn?.(ctx);
        return true;
      }
      if (kind === 'long-press') return page.onLongPress?.(ctx) ?? false;
      const handler = kind === 'leave' ? page.onLeave : page.onPress;
      if (!handler) return false;
      const result = handler(ctx);
      if (result && typeof (result as Promise<void>).then === 'function') {
        this.pending = (result as Promise<void>).catch((err: unknown) => this.toast(asNeurorackError(err, 'NR_UI_ACTION_FAILED').message, 'error'));
      }
      return true;
    } catch (err) {
      this.markBroken(s.pageId, reg.offer.title, `${kind} threw: ${asNeurorackError(err).message}`);
      return kind !== 'long-press';
    }
  }

  private async runAction(name: string): Promise<void> {
    try {
      const result = await menuActions[name]!(this.o.actions, this.o.view());
      if (name === 'run-benchmark' && result && typeof (result as { rtf?: unknown }).rtf === 'number') {
        this.toast(`Benchmark: RTF ${(result as { rtf: number }).rtf.toFixed(2)}`, 'info');
      }
    } catch (err) {
      this.toast(asNeurorackError(err, 'NR_UI_ACTION_FAILED').message, 'error');
    } finally {
      this.uiDirty = true;
    }
  }

  private markBroken(pageId: string, title: string, message: string): void {
    const text = `NR_UI_PAGE_THREW: page ${pageId}: ${message}`;
    this.broken.set(pageId, { title, message: text });
    this.toast(text, 'error');
  }
}
