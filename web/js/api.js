// Calls the server's JSON API. State-changing requests carry the header the server's cross-site
// guard requires; errors come back as {error: {code, message}} and are thrown as ApiError.

export const CSRF_HEADER = 'x-neurorack-request';

export class ApiError extends Error {
  constructor(code, message, status) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

async function failure(res) {
  let body;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const err = body && body.error;
  return new ApiError(err ? err.code : 'HTTP_' + res.status, err ? err.message : res.statusText, res.status);
}

export async function getJson(path) {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  if (!res.ok) throw await failure(res);
  return res.json();
}

export async function postJson(path, body) {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw await failure(res);
  return res;
}

export async function postBytes(path, bytes, type = 'application/octet-stream') {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': type, [CSRF_HEADER]: '1' },
    body: bytes,
  });
  if (!res.ok) throw await failure(res);
  return res.json();
}
