import type { FastifyReply } from 'fastify';
import type { ErrorCode } from '../errors/catalogue';
import { NeurorackError, asNeurorackError } from '../errors/neurorack-error';

/** HTTP status for each error the web server reports; anything not listed is bad input (400) or 500. */
const STATUS: Partial<Record<ErrorCode, number>> = {
  NR_WEB_PAIRING_REQUIRED: 401,
  NR_WEB_CROSS_SITE: 403,
  NR_WEB_HOST_REFUSED: 403,
  NR_WEB_NOT_FOUND: 404,
  NR_TIMBRE_NOT_FOUND: 404,
  NR_BANK_NOT_FOUND: 404,
  NR_BANK_REGISTRY_UNKNOWN: 404,
  NR_MODEL_REGISTRY_UNKNOWN: 404,
  NR_BANK_EXISTS: 409,
  NR_MODEL_EXISTS: 409,
  NR_BANK_ID_RESERVED: 409,
  NR_WEB_BANK_READ_ONLY: 409,
  NR_WEB_ENTRY_EXISTS: 409,
  NR_WEB_UPLOAD_TOO_LARGE: 413,
  NR_WEB_PAIRING_LOCKED: 429,
  NR_WEB_HOST_NOT_WIRED: 501,
  NR_WEB_BUSY: 503,
  NR_BANK_INSTALL_BUSY: 503,
  NR_MODEL_INSTALL_BUSY: 503,
};

/** The JSON body of every error reply and websocket error message. */
export interface WireError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly pointer?: string;
}

export function httpStatusFor(err: NeurorackError): number {
  return STATUS[err.code] ?? (err.exitCode === 2 ? 400 : 500);
}

export function toWireError(err: unknown): WireError {
  const e = asNeurorackError(err);
  return { code: e.code, message: e.describe().slice(e.code.length + 2), ...(e.location.pointer ? { pointer: e.location.pointer } : {}) };
}

/**
 * Turns fastify's own errors (body too large, bad JSON, wrong content type, schema validation) into
 * catalogue errors, so the page shows one kind of message whatever failed.
 */
export function fromFastifyError(err: unknown, where: string): NeurorackError {
  if (err instanceof NeurorackError) return err;
  const e = err as { code?: string; statusCode?: number; message?: string };
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || e.statusCode === 413) {
    return new NeurorackError('NR_WEB_UPLOAD_TOO_LARGE', `${where}: the body is larger than the server's limit (${e.message ?? ''})`, {}, { cause: err });
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    if (e.statusCode === 404) return new NeurorackError('NR_WEB_NOT_FOUND', `${where}: ${e.message ?? 'not found'}`, {}, { cause: err });
    return new NeurorackError('NR_WEB_MESSAGE_INVALID', `${where}: ${e.message ?? 'bad request'}`, {}, { cause: err });
  }
  return asNeurorackError(err);
}

export function sendError(reply: FastifyReply, err: NeurorackError): FastifyReply {
  return reply.code(httpStatusFor(err)).type('application/json').send({ error: toWireError(err) });
}
