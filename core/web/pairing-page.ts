/** Only same-site paths are followed after pairing (never `//host` or a full URL). */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[^\s]*$/.test(next) ? next : '/';
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The page an unpaired browser gets instead of the panel: a plain form (no script, so it works
 * under the strict CSP) that posts the code shown on the module's screen to /api/pair.
 */
export function pairingPage(next: string, wrongCode: boolean): string {
  const message = wrongCode ? '<p role="alert" class="error">That code is not the one on the screen. Try again.</p>' : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Neurorack: pair this browser</title>
<style>body{font:16px system-ui,sans-serif;background:#16181c;color:#e8e8e8;display:grid;place-items:center;min-height:90vh}
form{background:#23262d;padding:24px;border-radius:8px}input{font:24px monospace;width:13ch;letter-spacing:.1em}
.error{color:#ff8a80}button{font-size:18px;margin-left:8px}</style></head>
<body><form method="post" action="/api/pair" id="pair-form">
<h1>Pair this browser</h1>
<p>This Neurorack is reachable from the network. Enter the ten-digit code shown on the module's screen (Menu &gt; About).</p>
${message}
<input type="hidden" name="next" value="${escapeHtml(safeNext(next))}">
<label>Code <input name="code" id="pair-code" inputmode="numeric" autocomplete="one-time-code" maxlength="13" required></label>
<button type="submit">Pair</button>
</form></body></html>`;
}
