const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** "Germany", from an ISO 3166-1 alpha-2 code; the code itself if the runtime has no name for it. */
export function countryName(code: string): string {
  try {
    return names.of(code) ?? code;
  } catch {
    return code; // not a well-formed region code: show what the API sent
  }
}
