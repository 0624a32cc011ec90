/**
 * The screen's look: a dark background, one accent colour, semantic colours only for status
 * (ok / warn / error), and the font families that screen-fonts.ts registers from DejaVu's files.
 * Loading it loads no canvas, so plugins (and the threads they run in) can import it freely.
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

/** A CSS font string in the theme's families, e.g. font(14, 'bold'). */
export function font(px: number, weight: 'normal' | 'bold' = 'normal', family: 'sans' | 'mono' = 'sans'): string {
  const name = family === 'mono' ? theme.font.mono : theme.font.sans;
  const fallback = family === 'mono' ? 'monospace' : 'sans-serif';
  return `${weight === 'bold' ? 'bold ' : ''}${px}px "${name}", ${fallback}`;
}
