import { readBoundedSync } from '../files/read-bounded';
import { NeurorackError } from '../errors/neurorack-error';

/**
 * Reads and parses a JSON file, turning "missing" and "malformed" into NeurorackErrors that name
 * the file (and the line and column of a syntax error). At most `maxBytes` are read, whatever the
 * file claims to be (a symlink to /dev/zero or a FIFO is refused with NR_FILE_NOT_REGULAR).
 */
export function readJsonFile(file: string, maxBytes = 64 * 1024 * 1024): unknown {
  let text: string;
  try {
    text = readBoundedSync(file, { maxBytes, tooLargeCode: 'NR_JSON_MALFORMED' }).toString('utf8');
  } catch (err) {
    if (err instanceof NeurorackError) throw err;
    throw new NeurorackError('NR_FILE_NOT_FOUND', `cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { file }, { cause: err });
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new NeurorackError('NR_JSON_MALFORMED', `not valid JSON: ${where(text, (err as Error).message)}`, { file }, { cause: err });
  }
}

function where(text: string, message: string): string {
  const m = /position (\d+)/.exec(message);
  if (!m) return message;
  const pos = Number(m[1]);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  return `${message.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${column}`;
}
