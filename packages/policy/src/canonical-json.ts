import canonicalizeModule from 'canonicalize';

type Canonicalize = (input: unknown) => string | undefined;

/**
 * `canonicalize` is CommonJS whose typings claim an ES default export. Under NodeNext, TypeScript therefore types
 * the default import as the module object, while Node, bundlers and swc's interop hand over the function itself
 * (or an object holding it under `default`). Accept both shapes, and fail loudly on anything else.
 */
const candidate: unknown =
  typeof canonicalizeModule === 'function'
    ? canonicalizeModule
    : (canonicalizeModule as unknown as { default?: unknown }).default;
if (typeof candidate !== 'function') throw new Error('canonicalize: unexpected module shape');
const canonicalize = candidate as Canonicalize;

/** RFC 8785 JSON Canonicalization Scheme. */
export function canonicalJson(value: unknown): string {
  const canonical = canonicalize(value);
  if (canonical === undefined) throw new Error('value has no JSON representation');
  return canonical;
}
