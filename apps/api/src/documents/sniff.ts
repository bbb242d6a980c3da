import { DOCUMENT_MEDIA_TYPES, type DocumentKind } from '@writ/contracts';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../common/index.js';

/** How much of the start of a file the type is decided on (file-type's own recommendation). */
export const SNIFF_BYTES = 4100;

const NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/tiff': 'TIFF',
  'text/plain': 'plain UTF-8 text',
};
const KIND_LABEL: Record<DocumentKind, string> = {
  ORDER: 'an order',
  SUPPORTING: 'a supporting document',
  CORRESPONDENCE: 'correspondence',
};

// Text is accepted only if it is valid UTF-8 and has no control characters but tab, LF, CR and form feed: that
// excludes every binary format (they all contain NUL or invalid UTF-8 sooner or later) and UTF-16.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_IN_TEXT = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]/;

/** Checks text as it streams: feed every chunk, then call end(). */
export class TextCheck {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private ok = true;

  push(chunk: Uint8Array): boolean {
    if (this.ok) this.ok = this.check(() => this.decoder.decode(chunk, { stream: true }));
    return this.ok;
  }

  end(): boolean {
    if (this.ok) this.ok = this.check(() => this.decoder.decode());
    return this.ok;
  }

  private check(decode: () => string): boolean {
    try {
      return !FORBIDDEN_IN_TEXT.test(decode());
    } catch {
      return false; // invalid UTF-8
    }
  }
}

export function notText(): AppError {
  return new AppError(
    'UNSUPPORTED_DOCUMENT_TYPE',
    'The file is neither PDF, PNG, JPEG nor TIFF, and not plain UTF-8 text either (it has invalid UTF-8 or control characters).',
  );
}

/**
 * The media type of a file, decided from its first bytes (`head`, up to SNIFF_BYTES; all of it when shorter).
 * The client's file name and Content-Type are never consulted. Refuses what the kind does not allow.
 * 'text/plain' is provisional: the caller must run TextCheck over the rest of the file.
 */
export async function sniffMediaType(head: Uint8Array, kind: DocumentKind, complete: boolean): Promise<string> {
  const allowed: readonly string[] = DOCUMENT_MEDIA_TYPES[kind];
  const expected = allowed.map((type) => NAMES[type] ?? type).join(', ');
  const detected = await fileTypeFromBuffer(head);
  if (detected) {
    if (allowed.includes(detected.mime)) return detected.mime;
    throw new AppError(
      'UNSUPPORTED_DOCUMENT_TYPE',
      `The file's content is ${detected.mime} (.${detected.ext}), whatever its name says; ${KIND_LABEL[kind]} must be ${expected}.`,
      { detected: detected.mime, allowed },
    );
  }
  if (allowed.includes('text/plain')) {
    const check = new TextCheck();
    if (check.push(head) && (!complete || check.end())) return 'text/plain';
    throw notText();
  }
  throw new AppError(
    'UNSUPPORTED_DOCUMENT_TYPE',
    `The file's type could not be recognised from its content; ${KIND_LABEL[kind]} must be ${expected}.`,
    { detected: null, allowed },
  );
}
