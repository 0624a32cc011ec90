import type { CanvasRenderingContext2D } from 'canvas';
import type { HostActions } from './host-actions';
import type { HostView } from './host-view';
import type { Rect } from './rect';
import type { Theme } from './theme';

/** The 2D context pages draw with (node-canvas). */
export type Gfx = CanvasRenderingContext2D;

/** One line of the current menu level, as the menu page draws it. */
export interface MenuLine {
  readonly label: string;
  readonly kind: 'page' | 'action' | 'items';
  /** Destructive: asks before running. */
  readonly confirm: boolean;
  /** The item points at a page or action that does not exist. */
  readonly broken: boolean;
}

/** The menu level the navigator is on (what the `menu` page shows). */
export interface MenuFrame {
  /** Labels from the root to this level; empty at the root. */
  readonly trail: readonly string[];
  readonly lines: readonly MenuLine[];
  readonly cursor: number;
}

/** Everything a widget may look at when it builds its model. */
export interface PageFrame<L = unknown> {
  readonly view: HostView;
  /** The page's own state (cursor, editing, calibration step), made by `init` when the page opens. */
  readonly local: L;
  /** Clock ms of this frame. */
  readonly nowMs: number;
  readonly menu: MenuFrame;
  /** The page's title as the manifest declares it. */
  readonly title: string;
  /** Set on the error page: what failed. */
  readonly error?: { readonly title: string; readonly message: string };
}

/**
 * A region of a page that redraws only when its model changes. The runtime clears the rect to the
 * background, clips to it and calls `draw` when `model(frame)` differs (by JSON value) from the
 * model of the last drawn frame; an unchanged widget costs one `model` call.
 *
 * Obligations: `model` is cheap and pure, and returns JSON-able data holding everything `draw`
 * uses (a widget drawing the time must put the time, rounded as shown, in its model); `draw`
 * stays inside `rect` and draws only from `model`.
 */
export interface Widget<M = unknown, L = unknown> {
  readonly id: string;
  readonly rect: Rect;
  model(frame: PageFrame<L>): M;
  draw(g: Gfx, model: M, theme: Theme): void;
}

/** What input handlers of a page may do. */
export interface PageInputContext<L = unknown> {
  readonly view: HostView;
  readonly local: L;
  readonly actions: HostActions;
  readonly nowMs: number;
  /** Detents turned, signed (clockwise positive), without acceleration: for moving through lists. */
  readonly delta: number;
  /** `delta` scaled by turn speed: for adjusting values. */
  readonly accelerated: number;
  toast(text: string, level?: 'info' | 'warn' | 'error'): void;
  /** Asks "text?" with No/Yes; `onYes` runs only when the user picks Yes. */
  confirm(text: string, onYes: () => Promise<void> | void): void;
  /** Closes this page (back to where it was opened from). */
  back(): void;
}

/**
 * A screen page, as a `screen-page` plugin exports it under `provides[<offer id>]`. It is data plus
 * callbacks: the runtime owns the canvas, navigation, dialogs and toasts.
 *
 * Obligations:
 * - `widgets` tile (or overlap in the declared order) the 240x240 screen; a page that leaves part
 *   of the screen to no widget gets the background there.
 * - Input handlers change `local` or call actions; they never draw. An async handler's rejection
 *   is shown as an error toast.
 * - `onLongPress` returns true when it consumed the long press (e.g. leaving an edit mode);
 *   otherwise the runtime goes back.
 * - Throwing anywhere (model, draw, handlers) is contained: the page is replaced by an error page
 *   and a toast, every other page keeps working.
 */
export interface ScreenPage<L = unknown> {
  /** Local offer id, as in the manifest. */
  readonly id: string;
  init?(view: HostView): L;
  readonly widgets: ReadonlyArray<Widget<any, L>>;
  onTurn?(ctx: PageInputContext<L>): void;
  onPress?(ctx: PageInputContext<L>): void | Promise<void>;
  onLongPress?(ctx: PageInputContext<L>): boolean;
  /** The page is closed (back, home, a new menu): undo what only lasts while it is open. */
  onLeave?(ctx: PageInputContext<L>): void | Promise<void>;
}

/** Typed helper for page authors: `widget<Model, Local>({ ... })`. */
export function widget<M, L = unknown>(w: Widget<M, L>): Widget<M, L> {
  return w;
}
