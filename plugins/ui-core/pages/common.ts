import { drawHeader, layout, widget, type PageFrame, type Widget } from 'neurorack/sdk';

/** The title bar widget: the page title (or a computed one) and a status on the right. */
export function headerWidget<L>(right: (f: PageFrame<L>) => string = () => '', title?: (f: PageFrame<L>) => string): Widget<{ title: string; right: string }, L> {
  return widget<{ title: string; right: string }, L>({
    id: 'header',
    rect: layout.header,
    model: (f) => ({ title: title ? title(f) : f.title, right: right(f) }),
    draw: (g, m, t) => drawHeader(g, t, m.title, m.right),
  });
}

/** Clamps a list cursor after a move. */
export function moveCursor(cursor: number, delta: number, count: number): number {
  return Math.max(0, Math.min(Math.max(0, count - 1), cursor + delta));
}

/** Local state of a list page with an action bar: the list cursor and, when open, the action cursor. */
export interface ListActionsLocal {
  cursor: number;
  /** The action bar is open (press on a row opens it; long press closes it). */
  acting: boolean;
  action: number;
}
