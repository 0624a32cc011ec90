import { existsSync } from 'node:fs';
import { registerFont } from 'canvas';

/**
 * The screen's look: a dark background, one accent colour, semantic colours only for status
 * (ok / warn / error), and DejaVu Sans registered from its file so every machine renders the same
 * glyphs (Debian package `fonts-dejavu-core`; without it canvas falls back to any sans font and
 * the golden snapshots will not match).
 */
export const theme = {
  bg: '#0b0e13',
  panel: '#171c24',
  line: '#2a323d',
  text: '#e9edf2',
  dim: '#8b95a3',
  accent: '#3fb6ff',
  accentInk: '#04121c',
  ok: '#41d67a',
  warn: '#ffb23f',
  error: '#ff5a5a',
  /** One colour per descriptor curve, muted so the accent stays the accent. */
  curves: ['#e9edf2', '#7d8aff', '#b58cff', '#6fd3c1', '#ffd27d', '#ff8fb1', '#9ad96b'],
  font: {
    sans: 'NR Sans',
    mono: 'NR Mono',
  },
} as const;

export type Theme = typeof theme;

const DEJAVU = '/usr/share/fonts/truetype/dejavu';
let registered: boolean | undefined;

/**
 * Registers the bundled-with-the-system fonts once (before the first canvas is made). Returns false
 * when DejaVu is not installed; the screen still works with a fallback font.
 */
export function registerScreenFonts(): boolean {
  if (registered !== undefined) return registered;
  const files: Array<[string, { family: string; weight?: string }]> = [
    ['DejaVuSans.ttf', { family: theme.font.sans }],
    ['DejaVuSans-Bold.ttf', { family: theme.font.sans, weight: 'bold' }],
    ['DejaVuSansMono.ttf', { family: theme.font.mono }],
  ];
  registered = files.every(([f]) => existsSync(`${DEJAVU}/${f}`));
  if (registered) for (const [f, desc] of files) registerFont(`${DEJAVU}/${f}`, desc);
  return registered;
}

/** A CSS font string in the theme's families, e.g. font(14, 'bold'). */
export function font(px: number, weight: 'normal' | 'bold' = 'normal', family: 'sans' | 'mono' = 'sans'): string {
  const name = family === 'mono' ? theme.font.mono : theme.font.sans;
  const fallback = family === 'mono' ? 'monospace' : 'sans-serif';
  return `${weight === 'bold' ? 'bold ' : ''}${px}px "${name}", ${fallback}`;
}
