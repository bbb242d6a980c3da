// The uploader's file name is kept for people to read, never used as a path (storage keys are random UUIDs).
// It is still cleaned, because it is shown in the portal, written into Content-Disposition and exported.

const MAX_LENGTH = 200;
// Control characters, bidirectional overrides (a "gpj.exe" shown as "exe.jpg") and path separators.
const UNSAFE = /[\p{Cc}\u202A-\u202E\u2066-\u2069/\\]/gu;

export function cleanFilename(raw: string | undefined): string {
  const cleaned = (raw ?? '').normalize('NFC').replace(UNSAFE, '_').replace(/\s+/g, ' ').trim().replace(/^\.+/, ''); // no hidden-file names, no "..", when someone saves it
  const chars = [...cleaned];
  // Too long: keep the start (what it is) and the end (its extension).
  const short =
    chars.length > MAX_LENGTH
      ? `${chars.slice(0, 150).join('')}…${chars.slice(-(MAX_LENGTH - 151)).join('')}`
      : cleaned;
  return short || 'document';
}

const EXTENSIONS: Record<string, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/tiff': ['tif', 'tiff'],
  'text/plain': ['txt'],
};

/**
 * The name a download is saved under: the stored name, with the extension of the type the bytes really are
 * appended when the name says otherwise ("order.pdf" that is a PNG is saved as "order.pdf.png"), so the
 * receiving desktop opens it with the right program.
 */
export function downloadName(filename: string, mediaType: string): string {
  const extensions = EXTENSIONS[mediaType];
  if (!extensions) return filename;
  const current = filename.includes('.') ? filename.slice(filename.lastIndexOf('.') + 1).toLowerCase() : '';
  return extensions.includes(current) ? filename : `${filename}.${extensions[0]}`;
}

/** RFC 6266 Content-Disposition: an ASCII fallback name plus the exact name in RFC 8187 encoding. */
export function attachment(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
