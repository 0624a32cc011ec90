import type { Finding } from './attack';

const COLUMNS: ReadonlyArray<{ head: string; width: number; cell: (f: Finding) => string }> = [
  { head: 'attack', width: 13, cell: (f) => f.attack },
  { head: 'measured', width: 58, cell: (f) => f.measured },
  { head: 'figure', width: 44, cell: (f) => f.figure },
  { head: 'before (issue #27)', width: 30, cell: (f) => f.before },
  { head: 'verdict', width: 7, cell: (f) => f.verdict },
];

/**
 * The bench's table: one line per finding, columns padded to their width; a cell longer than its
 * column pushes the rest of its line right rather than being cut (the figures must stay whole).
 */
export function findingsTable(findings: readonly Finding[]): string {
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(COLUMNS[i]!.width)).join(' | ').trimEnd() + '\n';
  return line(COLUMNS.map((c) => c.head)) + line(COLUMNS.map((c) => '-'.repeat(c.width))) + findings.map((f) => line(COLUMNS.map((c) => c.cell(f)))).join('');
}
