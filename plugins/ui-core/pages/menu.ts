import { drawList, layout, type ListRow, widget, type ScreenPage } from 'neurorack/sdk';
import { headerWidget } from './common';

/** Draws the menu level the navigator is on; navigation itself is the runtime's. */
export const menuPage: ScreenPage = {
  id: 'menu',
  widgets: [
    headerWidget(() => '', (f) => (f.menu.trail.length ? f.menu.trail.join(' › ') : 'Menu')),
    widget({
      id: 'items',
      rect: layout.content,
      model: (f) => f.menu,
      draw(g, m, t) {
        const rows: ListRow[] = m.lines.map((l) => ({
          label: l.label,
          value: l.broken ? 'missing' : l.kind === 'items' ? '›' : l.confirm ? '!' : '',
          tone: l.broken ? 'error' : 'normal',
        }));
        drawList(g, t, layout.content, rows, m.cursor);
      },
    }),
  ],
};
