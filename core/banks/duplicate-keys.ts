/**
 * The first object key that appears twice in the same object of a JSON text, with the JSON pointer
 * of its second occurrence, or undefined. `JSON.parse` keeps the last value silently, so two
 * readers of one document could see different content; a pack must say one thing. Assumes `text`
 * is valid JSON (parse it first); one pass, no allocation per value.
 */
export function firstDuplicateKey(text: string): { key: string; pointer: string } | undefined {
  const stack: Array<{ keys: Set<string> | undefined; at: string }> = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i;
      let escaped = false;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) {
          escaped = true;
          i++;
        } else if (d === 0x22) break;
      }
      const top = stack[stack.length - 1];
      if (expectKey && top?.keys) {
        const key = escaped ? (JSON.parse(text.slice(start, i + 1)) as string) : text.slice(start + 1, i);
        if (top.keys.has(key)) return { key, pointer: `${pointerOf(stack)}/${escapeToken(key)}` };
        top.keys.add(key);
        top.at = key;
        expectKey = false;
      }
    } else if (c === 0x7b /* { */) {
      stack.push({ keys: new Set(), at: '' });
      expectKey = true;
    } else if (c === 0x5b /* [ */) {
      stack.push({ keys: undefined, at: '0' });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top?.keys) expectKey = true;
      else if (top) top.at = String(Number(top.at) + 1);
    }
  }
  return undefined;
}

function pointerOf(stack: ReadonlyArray<{ at: string }>): string {
  return stack.slice(0, -1).map((f) => `/${escapeToken(f.at)}`).join('');
}

function escapeToken(t: string): string {
  return t.replace(/~/g, '~0').replace(/\//g, '~1');
}
