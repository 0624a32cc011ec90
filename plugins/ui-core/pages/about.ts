import { drawCentred, fitText, rect, widget, type ScreenPage, font } from 'neurorack/sdk';
import { headerWidget } from './common';

/** Host version, profile, board, plugin count and the web panel's address. */
export const aboutPage: ScreenPage = {
  id: 'about',
  widgets: [
    headerWidget(),
    widget({
      id: 'body',
      rect: rect(0, 30, 240, 210),
      model: (f) => f.view.about,
      draw(g, a, t) {
        drawCentred(g, 'NEURORACK', 120, 62, 22, t.text, 'bold');
        drawCentred(g, 'deep-learning impact synthesizer', 120, 86, 11, t.dim);
        const rows: Array<[string, string]> = [
          ['Host', a.hostVersion],
          ['Profile', a.profile],
          ['Board', a.board],
          ['Plugins', String(a.plugins)],
          ['Web', a.address ?? 'off'],
          ...(a.pairingCode ? [['Pair code', a.pairingCode] as [string, string]] : []),
        ];
        g.textBaseline = 'middle';
        rows.forEach(([k, v], i) => {
          const y = 118 + i * 22;
          g.font = font(12);
          g.fillStyle = t.dim;
          g.textAlign = 'left';
          g.fillText(k, 16, y);
          g.fillStyle = t.text;
          g.textAlign = 'right';
          g.fillText(fitText(g, v, 150), 224, y);
        });
        g.fillStyle = t.accent;
        g.fillRect(16, 100, 208, 1);
      },
    }),
  ],
};
