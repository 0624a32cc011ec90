import { NeurorackError } from '../errors/neurorack-error';

export const ENTRY_NAME_MAX_LENGTH = 64;

/**
 * Why `name` cannot name a bank entry, or undefined when it can. Entry names become file names when
 * curves are exported, so they must never leave the bank folder: no `/` or `\`, no `:` (drive
 * letters, streams), no control characters, not only dots, 1 to 64 characters.
 */
export function entryNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.length > ENTRY_NAME_MAX_LENGTH) return `is longer than ${ENTRY_NAME_MAX_LENGTH} characters`;
  if (/[/\\]/.test(name)) return 'contains a path separator';
  if (/^\.+$/.test(name)) return 'is only dots';
  if (name.includes(':')) return 'contains ":"';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'contains a control character';
  return undefined;
}

/** Throws NR_BANK_ENTRY_NAME_UNSAFE naming the file and pointer when `name` is not a safe entry name. */
export function assertEntryName(name: string, file: string, pointer: string): void {
  const problem = entryNameProblem(name);
  if (problem) {
    throw new NeurorackError('NR_BANK_ENTRY_NAME_UNSAFE', `entry name ${JSON.stringify(name)} ${problem}; expected a plain name of 1-${ENTRY_NAME_MAX_LENGTH} characters that stays inside the bank folder`, { file, pointer });
  }
}

/**
 * Turns a sound's file name into a safe entry name: extension dropped, unsafe characters replaced
 * by `-`, cut to the length limit; never empty.
 */
export function entryNameFromFile(fileName: string): string {
  const base = fileName.replace(/^.*[/\\]/, '').replace(/\.[^.]*$/, '');
  // eslint-disable-next-line no-control-regex
  let name = base.replace(/[/\\:\u0000-\u001f\u007f]/g, '-').slice(0, ENTRY_NAME_MAX_LENGTH);
  if (name === '' || /^\.+$/.test(name)) name = 'sound';
  return name;
}
