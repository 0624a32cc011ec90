import { NeurorackError } from '../errors/neurorack-error';

/** A request body that must be a JSON object (NR_WEB_MESSAGE_INVALID otherwise). */
export function objectBody(body: unknown, where: string): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || Buffer.isBuffer(body)) {
    throw new NeurorackError('NR_WEB_MESSAGE_INVALID', `${where}: expected a JSON object body (Content-Type application/json)`);
  }
  return body as Record<string, unknown>;
}

/** A non-empty string field of a query or body, at most 2048 characters (NR_WEB_MESSAGE_INVALID naming it otherwise). */
export function stringParam(from: unknown, name: string, where: string): string {
  const v = (from as Record<string, unknown> | undefined)?.[name];
  if (typeof v !== 'string' || v.length === 0 || v.length > 2048) throw new NeurorackError('NR_WEB_MESSAGE_INVALID', `${where}: expected ${name} as a string`, { pointer: `/${name}` });
  return v;
}
