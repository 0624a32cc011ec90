import { fill, type PluginTemplate, type ScaffoldNames } from './plugin-template';

const ENTRY = `// @ts-check
'use strict';
const { drawBar, drawHeader, font, formatVolts, layout, rect, widget } = require('neurorack/sdk');

/** @typedef {import('neurorack/sdk').ScreenPage} ScreenPage */

/**
 * __TITLE__: the four CV jacks, their volts and where each sits in its range. The page is data
 * plus callbacks: the host owns the 240x240 canvas and redraws a widget only when its model (the
 * JSON its \`model\` function returns) changes, so a model holds exactly what \`draw\` shows.
 *
 * @type {ScreenPage}
 */
const page = {
  id: '__NAME__',
  widgets: [
    widget({
      id: 'header',
      rect: layout.header,
      model: (f) => ({ title: f.title }),
      draw: (g, m, t) => drawHeader(g, t, m.title),
    }),
    widget({
      id: 'cvs',
      rect: layout.content,
      model: (f) => f.view.cvs.map((cv) => ({ jack: cv.jack, volts: Math.round(cv.volts * 100) / 100, at: Math.round(cv.normalised * 100) / 100 })),
      draw(g, cvs, t) {
        g.textBaseline = 'middle';
        cvs.forEach((cv, i) => {
          const y = 50 + i * 48;
          g.font = font(14, 'bold');
          g.fillStyle = t.text;
          g.textAlign = 'left';
          g.fillText(\`CV\${cv.jack}\`, 16, y);
          g.font = font(14);
          g.textAlign = 'right';
          g.fillText(formatVolts(cv.volts), 224, y);
          drawBar(g, t, rect(16, y + 12, 208, 10), cv.at);
        });
      },
    }),
  ],
};

/** One key per offer in plugin.json. */
module.exports = { provides: { '__NAME__': page } };
`;

const TEST = `'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const manifest = require('../plugin.json');
const { provides } = require('../index.js');

/** A 2D context that records what is drawn (the host hands pages a node-canvas context). */
function recordingContext() {
  const calls = [];
  const g = new Proxy({}, {
    get: (state, key) => key in state ? state[key]
      : key === 'measureText' ? (text) => ({ width: String(text).length * 7 })
      : (...args) => { calls.push([key, ...args]); },
    set: (state, key, value) => { state[key] = value; return true; },
  });
  return { g, calls };
}

const theme = { bg: '#000', panel: '#111', line: '#222', text: '#eee', dim: '#888', accent: '#3fb6ff', accentInk: '#000', ok: '#0f0', warn: '#fa0', error: '#f00', curves: [], font: { sans: 'sans', mono: 'mono' } };
const cvs = [1, 2, 3, 4].map((jack) => ({ jack, volts: jack - 2.5, mapping: '-', normalised: jack / 4 }));

test('exports one page per offer in plugin.json', () => {
  assert.deepEqual(Object.keys(provides).sort(), manifest.provides.map((p) => p.id).sort());
});

test('its widgets model the CV jacks and draw them inside their rects', () => {
  const page = provides['__NAME__'];
  const frame = { view: { cvs }, local: {}, nowMs: 0, menu: { trail: [], lines: [], cursor: 0 }, title: '__TITLE__' };
  const body = page.widgets.find((w) => w.id === 'cvs');
  const model = body.model(frame);
  assert.deepEqual(model.map((cv) => cv.volts), [-1.5, -0.5, 0.5, 1.5]);
  const { g, calls } = recordingContext();
  body.draw(g, model, theme);
  const texts = calls.filter(([op]) => op === 'fillText').map(([, text]) => text);
  assert.deepEqual(texts.filter((t) => t.startsWith('CV')), ['CV1', 'CV2', 'CV3', 'CV4']);
  for (const call of calls) {
    const at = call[0] === 'fillText' ? call.slice(2, 4) : call[0] === 'fillRect' ? call.slice(1, 3) : null;
    if (!at) continue;
    const [x, y] = at;
    assert.ok(x >= body.rect.x0 && x <= body.rect.x1 && y >= body.rect.y0 && y <= body.rect.y1, \`\${call[0]} at \${x},\${y} is outside the widget\`);
  }
});
`;

/** `plugin new --kind screen-page`: a page showing the four CV jacks. */
export function screenPageTemplate(names: ScaffoldNames): PluginTemplate {
  return {
    kind: 'screen-page',
    description: `${names.title}: a screen page showing the four CV jacks.`,
    provides: [{ id: names.name, title: names.title, menu: `Plugins/${names.title}`, params: [] }],
    entry: fill(ENTRY, names),
    test: fill(TEST, names),
    extraFiles: {},
    readme: fill(`## What it does
\`__NAME__\` is a screen page: widgets with a \`model(frame)\` (what to show, as JSON) and a
\`draw(g, model, theme)\` (how), drawn with the SDK's drawing kit and theme on the 240x240 screen.
The host lists it in the menu under \`Plugins/__TITLE__\` (plugin.json's \`menu\`).

## Try it on the host
\`neurorack screenshot --page __NAME__/__NAME__ --plugins . --out page.png\` draws it offline; installed
where the host looks for plugins (see the first section), it is in the menu of \`neurorack start\`.
`, names),
  };
}
