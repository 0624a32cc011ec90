import { NeurorackError } from '../errors/neurorack-error';
import type { DescriptorBank } from './descriptor-bank';
import { displayTextProblem } from './display-text';

/**
 * The parts of a bank a performer reads to tell banks apart (id, name, author) must read as what
 * they are: NR_BANK_NAME_UNSAFE naming `file` and the field's pointer otherwise. The schema has
 * already bounded their lengths and the id's characters.
 */
export function checkBankText(bank: Pick<DescriptorBank, 'id' | 'name' | 'author'>, file: string): void {
  for (const field of ['id', 'name', 'author'] as const) {
    const problem = displayTextProblem(bank[field]);
    if (problem) {
      throw new NeurorackError('NR_BANK_NAME_UNSAFE', `${field} ${JSON.stringify(bank[field])} ${problem}; expected visible text that reads as what it is`, { file, pointer: `/${field}` });
    }
  }
}
