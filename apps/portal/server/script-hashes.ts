import { createHash } from 'node:crypto';

// An inline script: a <script> start tag without a src attribute, its text, and the end tag. React escapes "<" in
// text and in the inline payloads it writes, so page data cannot open or close a script element here.
const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const HAS_SRC = /\ssrc\s*=/i;

/** The base64 SHA-256 of the text of every inline script of `html`, as a CSP 'sha256-…' source expects. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    const [, attributes = '', text = ''] = match;
    if (HAS_SRC.test(` ${attributes}`) || text === '') continue;
    hashes.add(createHash('sha256').update(text, 'utf8').digest('base64'));
  }
  return [...hashes];
}
