import { useEffect } from 'react';

/**
 * What a correction came to ("Target added: …"), by request, for the version it made. A save refreshes the page,
 * and the row that asked for it may be gone afterwards (a removed target), so the message lives here and the part
 * of the page that stays shows it: for as long as the request is at that version and the page is open. Read during
 * render, never taken: a render React throws away must not lose it.
 */
const notes = new Map<string, { version: number; text: string }>();

export function noteSaved(key: string, version: number, text: string): void {
  notes.set(key, { version, text });
}

/** The note for `key` while the request is still at (or, until the refresh lands, before) the version it made. */
export function useSavedNote(key: string, version: number): string | null {
  // Leaving the page forgets it: coming back later says nothing old.
  useEffect(() => () => void notes.delete(key), [key]);
  const note = notes.get(key);
  return note && note.version >= version ? note.text : null;
}
