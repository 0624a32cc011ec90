import { drawHeader, wrapText } from './draw-kit';
import { rect } from './rect';
import { widget, type ScreenPage } from './screen-page';
import { font } from './theme';

/**
 * Shown in place of a page that threw, and for a menu JSON that could not be used. It lives in the
 * core, not in a plugin, so it works whatever the plugins do. Long press goes back.
 */
export const errorPage: ScreenPage = {
  id: 'error',
  widgets: [
    widget({
      id: 'header',
      rect: rect(0, 0, 240, 30),
      model: (f) => f.error?.title ?? 'Error',
      draw: (g, title, t) => drawHeader(g, t, title, 'error'),
    }),
    widget({
      id: 'message',
      rect: rect(0, 30, 240, 210),
      model: (f) => f.error?.message ?? '',
      draw(g, message, t) {
        g.fillStyle = t.error;
        g.beginPath();
        g.arc(120, 62, 16, 0, Math.PI * 2);
        g.fill();
        g.fillStyle = t.bg;
        g.fillRect(118, 51, 4, 14);
        g.fillRect(118, 68, 4, 4);
        g.font = font(12);
        g.fillStyle = t.text;
        g.textAlign = 'left';
        g.textBaseline = 'top';
        wrapText(g, message, 216, 7).forEach((line, i) => g.fillText(line, 12, 90 + i * 17));
        g.fillStyle = t.dim;
        g.font = font(11);
        g.fillText('Hold to go back', 12, 216);
      },
    }),
  ],
};
