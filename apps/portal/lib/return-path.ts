// Where the login page may send someone back to after their session ended (?next=). It comes from the address
// bar, so anyone can write it: only a staff page of this very site is accepted, never another origin, so that a
// crafted link cannot use Writ's login to send a person somewhere else (an open redirect).

export function safeReturnPath(value: string | undefined | null): string | null {
  if (!value || value.length > 2000) return null;
  if (!value.startsWith('/staff/') || value.startsWith('/staff/login')) return null;
  // A backslash is a slash to browsers ("/\\host"); control characters and spaces have no place in a path.
  if ([...value].some((c) => c.charCodeAt(0) <= 0x20 || c === '\\' || c.charCodeAt(0) === 0x7f)) return null;
  // What the browser would make of it, relative to any origin: it must stay on that origin, under /staff/.
  const resolved = new URL(value, 'https://portal.invalid');
  return resolved.origin === 'https://portal.invalid' && resolved.pathname.startsWith('/staff/') ? value : null;
}
