import { IsoDateTime, Uuid } from '@writ/contracts';
import { z } from 'zod';
import { keysetCursor } from '../common/keyset-cursor.js';

/** Keyset cursor over (receivedAt, id), the list order: stable under concurrent intake. */
export interface RequestCursor {
  receivedAt: Date;
  id: string;
}

const cursor = keysetCursor(z.tuple([IsoDateTime, Uuid]));

export function encodeCursor(position: RequestCursor): string {
  return cursor.encode([position.receivedAt.toISOString(), position.id]);
}

export function decodeCursor(value: string): RequestCursor {
  const [receivedAt, id] = cursor.decode(value);
  return { receivedAt: new Date(receivedAt), id };
}
