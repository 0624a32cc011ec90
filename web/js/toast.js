// One place for messages to the performer: errors from the server (with their catalogue code)
// and notices. The newest message stays visible in #toast; all are kept in #log for tests.

const MAX_LOG = 20;

export function showError(err) {
  const code = err && err.code ? err.code : 'ERROR';
  show(`${code}: ${err && err.message ? err.message : String(err)}`, 'error');
}

export function showNotice(text) {
  show(text, 'notice');
}

function show(text, kind) {
  const toast = document.getElementById('toast');
  if (toast) {
    toast.textContent = text;
    toast.className = `toast ${kind} visible`;
    clearTimeout(show.timer);
    show.timer = setTimeout(() => toast.classList.remove('visible'), kind === 'error' ? 8000 : 3000);
    // A message placed in the page (the designer's) is scrolled into view if it is below the fold.
    if (getComputedStyle(toast).position === 'static') toast.scrollIntoView({ block: 'nearest' });
  }
  const log = document.getElementById('log');
  if (log) {
    const li = document.createElement('li');
    li.className = kind;
    li.textContent = text;
    log.prepend(li);
    while (log.children.length > MAX_LOG) log.lastChild.remove();
  }
}
