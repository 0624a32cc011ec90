import { DurableJsonFile } from '../../core/state/durable-json-file';
import { checkCounterValue, counterValue, type CounterValue } from './power-cut-value';

/**
 * A child for the power-cut test: saves counter values n, n+1, ... into `dir` as fast as it can and
 * prints each n once its save has returned, until it is killed.
 * Usage: node power-cut-writer.js DIR FIRST
 */
async function main(): Promise<void> {
  const [dir, first] = process.argv.slice(2);
  const file = new DurableJsonFile<CounterValue>(dir!, 'settings', checkCounterValue);
  process.stdout.write('ready\n');
  for (let n = Number(first); ; n++) {
    await file.save(counterValue(n));
    process.stdout.write(`${n}\n`);
  }
}

void main();
