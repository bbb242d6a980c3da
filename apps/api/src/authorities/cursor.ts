import { Uuid } from '@writ/contracts';
import { z } from 'zod';
import { cursorText, keysetCursor } from '../common/index.js';

/** Longest authority name the registry stores (AuthorityName): a longer one cannot be a position in the list. */
const MAX_NAME_LENGTH = 200;

/** Keyset cursor over (name, id), the list order: stable when authorities are added between pages. */
const cursor = keysetCursor(z.tuple([cursorText(MAX_NAME_LENGTH), Uuid]));

export function encodeCursor(name: string, id: string): string {
  return cursor.encode([name, id]);
}

export function decodeCursor(value: string): { name: string; id: string } {
  const [name, id] = cursor.decode(value);
  return { name, id };
}
