import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { AppError } from '../common/index.js';

export type Part =
  | { type: 'field'; name: string; value: string }
  | { type: 'file'; name: string; stream: Readable; filename: string | undefined };

export interface MultipartLimits {
  /** Per file part; the caller enforces its own, tighter, per-part limits on top. */
  fileBytes: number;
  files: number;
  fields: number;
  fieldBytes: number;
}

/**
 * A multipart/form-data body as a sequence of parts, read straight from the socket with busboy: a file part is a
 * stream that must be consumed (or abandoned by leaving the loop) before the next part arrives, so nothing is
 * buffered here. Leaving the loop early — an error, a refusal — stops parsing and discards the rest of the body.
 *
 * A failure of the body itself (malformed, truncated, client gone) is kept in `failure`: the file stream a
 * consumer is reading errors too, but with busboy's bare message, so callers should prefer `failure`.
 */
export class MultipartReader implements AsyncIterable<Part> {
  failure: AppError | null = null;

  constructor(
    private readonly request: IncomingMessage,
    private readonly limits: MultipartLimits,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<Part> {
    const request = this.request;
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: request.headers,
        // Browsers send UTF-8 file names without saying so; busboy's default would read them as Latin-1.
        defParamCharset: 'utf8',
        limits: {
          fileSize: this.limits.fileBytes,
          files: this.limits.files,
          fields: this.limits.fields,
          fieldSize: this.limits.fieldBytes,
          parts: this.limits.files + this.limits.fields,
          headerPairs: 20,
        },
      });
    } catch {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the upload as multipart/form-data (with its boundary).');
    }

    const queue: Part[] = [];
    let finished = false;
    let abandoned = false;
    let current: Readable | null = null;
    let wake: (() => void) | null = null;
    const notify = () => {
      const resolve = wake;
      wake = null;
      resolve?.();
    };
    const fail = (error: AppError) => {
      this.failure ??= error;
      current?.destroy(error);
      notify();
    };

    parser.on('field', (name, value, info) => {
      if (info.nameTruncated || info.valueTruncated)
        fail(new AppError('VALIDATION_FAILED', `${name}: the field is too long.`));
      else queue.push({ type: 'field', name, value });
      notify();
    });
    parser.on('file', (name, stream, info) => {
      // A file stream errors when the body breaks (busboy destroys it: cut off, malformed, client gone) or when
      // we stop it (fail() below), whether or not anyone is reading it at that moment: a queued part, one the
      // consumer has stopped reading, one that arrives after the loop was left. An 'error' with no listener
      // is thrown by the emitter and ends the process (issue 11), so every file stream gets one from birth.
      // The consumer, if it is reading, sees the error through its own listener as well.
      stream.on('error', (error: Error) => {
        if (!(error instanceof AppError) && error.name !== 'AbortError') this.failure ??= malformed(error);
      });
      if (abandoned) {
        stream.resume();
        return;
      }
      current = stream;
      stream.once('end', () => {
        if (current === stream) current = null;
      });
      queue.push({ type: 'file', name, stream, filename: info.filename });
      notify();
    });
    const tooMany = () =>
      fail(
        new AppError(
          'VALIDATION_FAILED',
          `Too many parts: send at most ${this.limits.fields} fields and ${this.limits.files} files.`,
        ),
      );
    parser.on('partsLimit', tooMany);
    parser.on('filesLimit', tooMany);
    parser.on('fieldsLimit', tooMany);
    parser.on('error', (error: Error) => fail(malformed(error)));
    parser.on('close', () => {
      finished = true;
      notify();
    });
    const interrupted = () => {
      if (!request.complete)
        fail(new AppError('VALIDATION_FAILED', 'The upload was interrupted before it was complete.'));
    };
    request.on('close', interrupted);
    request.pipe(parser);

    try {
      for (;;) {
        if (this.failure) throw this.failure;
        const next = queue.shift();
        if (next) {
          yield next;
          continue;
        }
        if (finished) return;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      abandoned = true;
      request.off('close', interrupted);
      if (!finished) {
        // Stop parsing and throw the rest of the body away, so the error response goes out on a sane connection.
        request.unpipe(parser);
        for (const part of queue) if (part.type === 'file') part.stream.resume();
        request.resume();
      }
    }
  }
}

const malformed = (error: Error) =>
  new AppError('VALIDATION_FAILED', `The multipart body is malformed: ${error.message}.`);
