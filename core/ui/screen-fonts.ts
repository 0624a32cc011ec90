import { existsSync } from 'node:fs';
import { registerFont } from 'canvas';
import { theme } from './theme';

/**
 * DejaVu Sans is registered from its file so every machine renders the same glyphs (Debian package
 * `fonts-dejavu-core`; without it canvas falls back to any sans font and the golden snapshots will
 * not match).
 */
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
