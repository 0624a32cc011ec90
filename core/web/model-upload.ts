import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { NeurorackError } from '../errors/neurorack-error';

/** An upload written to a private temporary folder; `dispose` removes the folder. */
export interface ReceivedUpload {
  readonly file: string;
  readonly bytes: number;
  dispose(): void;
}

/**
 * Streams a request body to `<dir>/nr-upload-XXXX/<name>` without holding it in memory. A body
 * declared (Content-Length) or found larger than `maxBytes` is refused with NR_WEB_UPLOAD_TOO_LARGE
 * and nothing is left behind; so is a body that breaks off.
 */
export async function receiveUpload(body: Readable, opts: { maxBytes: number; declaredBytes?: number; dir?: string; name: string; where: string }): Promise<ReceivedUpload> {
  const tooLarge = (n: number) => new NeurorackError('NR_WEB_UPLOAD_TOO_LARGE', `${opts.where}: the upload is ${n} bytes or more; the limit is ${opts.maxBytes}`);
  if (opts.declaredBytes !== undefined && opts.declaredBytes > opts.maxBytes) {
    body.resume();
    throw tooLarge(opts.declaredBytes);
  }
  const folder = mkdtempSync(join(opts.dir ?? tmpdir(), 'nr-upload-'));
  const file = join(folder, opts.name);
  const dispose = () => rmSync(folder, { recursive: true, force: true });
  let bytes = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(file, { flags: 'wx' });
      const fail = (err: Error) => {
        body.unpipe(out);
        out.destroy();
        reject(err);
      };
      body.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > opts.maxBytes) fail(tooLarge(bytes));
      });
      body.on('error', (err) => fail(new NeurorackError('NR_WEB_MESSAGE_INVALID', `${opts.where}: the upload broke off (${err.message})`, {}, { cause: err })));
      body.on('aborted', () => fail(new NeurorackError('NR_WEB_MESSAGE_INVALID', `${opts.where}: the upload broke off`)));
      out.on('error', (err) => fail(err));
      out.on('close', () => (bytes > opts.maxBytes ? undefined : resolve()));
      body.pipe(out);
    });
  } catch (err) {
    dispose();
    throw err;
  }
  return { file, bytes, dispose };
}
