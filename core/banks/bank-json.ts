import type { DescriptorBank } from './descriptor-bank';

const KEY_ORDER = ['format', 'formatVersion', 'id', 'name', 'author', 'licence', 'version', 'description', 'frameRate', 'descriptors', 'entries', 'contentHash'];

/**
 * The text of a bank.json: fixed key order and one frame per line, so banks diff well in git. Only
 * the layout is chosen here; numbers are JSON.stringify's shortest round-trip form, so reading the
 * text back gives the same values and the same content hash.
 */
export function formatBankJson(bank: DescriptorBank): string {
  const record = bank as unknown as Record<string, unknown>;
  const keys = [...KEY_ORDER.filter((k) => k in record), ...Object.keys(record).filter((k) => !KEY_ORDER.includes(k))];
  const lines = keys.map((k) => {
    const value = k === 'entries' ? formatEntries(bank) : k === 'descriptors' ? formatList(bank.descriptors, '    ') : JSON.stringify(record[k]);
    return `  ${JSON.stringify(k)}: ${value}`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}

function formatList(items: unknown[], indent: string): string {
  return `[\n${items.map((d) => indent + JSON.stringify(d)).join(',\n')}\n${indent.slice(2)}]`;
}

function formatEntries(bank: DescriptorBank): string {
  const entries = bank.entries.map((e) => {
    const { frames, ...head } = e;
    const fields = Object.entries(head).map(([k, v]) => `      ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
    fields.push(`      "frames": ${formatList(frames, '        ')}`);
    return `    {\n${fields.join(',\n')}\n    }`;
  });
  return `[\n${entries.join(',\n')}\n  ]`;
}
