import { NeurorackError } from '../errors/neurorack-error';
import { displayTextProblem } from './display-text';

export const ENTRY_NAME_MAX_LENGTH = 64;

/**
 * Why `name` cannot name a bank entry, or undefined when it can. Entry names become file names when
 * curves are exported, so they must never leave the bank folder: no `/` or `\`, no `:` (drive
 * letters, streams), not only dots, 1 to 64 characters; and as they are shown, they must read as
 * what they are (displayTextProblem: not blank, no control, invisible or direction-changing
 * characters, no reserved device name).
 */
export function entryNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.length > ENTRY_NAME_MAX_LENGTH) return `is longer than ${ENTRY_NAME_MAX_LENGTH} characters`;
  if (/[/\\]/.test(name)) return 'contains a path separator';
  if (/^\.+$/.test(name)) return 'is only dots';
  if (name.includes(':')) return 'contains ":"';
  return displayTextProblem(name);
}

/** Throws NR_BANK_ENTRY_NAME_UNSAFE naming the file and pointer when `name` is not a safe entry name. */
export function assertEntryName(name: string, file: string, pointer: string): void {
  const problem = entryNameProblem(name);
  if (problem) {
    throw new NeurorackError('NR_BANK_ENTRY_NAME_UNSAFE', `entry name ${JSON.stringify(name)} ${problem}; expected a plain name of 1-${ENTRY_NAME_MAX_LENGTH} characters that stays inside the bank folder`, { file, pointer });
  }
}

/**
 * Turns a sound's file name into a safe entry name: extension dropped, invisible and
 * direction-changing characters removed, separators and controls replaced by `-`, white space
 * trimmed, cut to the length limit, `-sound` after a reserved device name; never empty.
 */
export function entryNameFromFile(fileName: string): string {
  const base = fileName.replace(/^.*[/\\]/, '').replace(/\.[^.]*$/, '');
  // eslint-disable-next-line no-control-regex
  let name = base
    .replace(/[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '')
    .replace(/[/\\:\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '-')
    .trim().slice(0, ENTRY_NAME_MAX_LENGTH).trim();
  if (name === '' || /^\.+$/.test(name)) name = 'sound';
  if (displayTextProblem(name)) name = `${name.slice(0, ENTRY_NAME_MAX_LENGTH - 6)}-sound`;
  return name;
}
