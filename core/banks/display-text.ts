/**
 * Names a performer reads on the module's 240x240 screen or in the panel (bank names, ids,
 * authors, entry names) must look like what they are: one bank must not pass for another.
 */

/** Windows device names: a folder or file so named cannot be made or opened there. */
const RESERVED_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.[^.]*)?$/i;
// C0 and C1 controls and DEL.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Direction overrides, embeddings and isolates, and the marks that reorder text on screen. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** Characters that draw nothing: zero-width spaces and joiners, word joiner, invisible operators, BOM, soft hyphen, line and paragraph separators, Mongolian vowel separator, tag characters. */
const INVISIBLE = /[\u00ad\u180e\u200b-\u200d\u2028\u2029\u2060-\u2064\ufeff]|\udb40[\udc00-\udc7f]/;

/** Why `text` cannot be shown as a name, or undefined when it can. */
export function displayTextProblem(text: string): string | undefined {
  if (text.trim().length === 0) return 'is blank';
  if (text !== text.trim()) return 'starts or ends with white space';
  if (CONTROL.test(text)) return 'contains a control character';
  if (BIDI.test(text)) return 'contains a character that changes the text direction (it can make one name show as another)';
  if (INVISIBLE.test(text)) return 'contains an invisible (zero-width) character';
  if (RESERVED_DEVICE.test(text)) return 'is a reserved device name (CON, PRN, AUX, NUL, COM1-9, LPT1-9)';
  return undefined;
}
