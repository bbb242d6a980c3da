import { IsoDateTime, Uuid } from '@writ/contracts';
import { z } from 'zod';
import { keysetCursor } from '../common/index.js';
import type { ChangeRow } from './change-table.js';

/** Keyset cursor over (proposedAt, id), newest first: opaque to clients, stable when changes are proposed meanwhile. */
const cursor = keysetCursor(z.tuple([IsoDateTime, Uuid]));

export function encodeChangeCursor(row: Pick<ChangeRow, 'proposedAt' | 'id'>): string {
  return cursor.encode([row.proposedAt.toISOString(), row.id]);
}

export function decodeChangeCursor(value: string): { proposedAt: Date; id: string } {
  const [proposedAt, id] = cursor.decode(value);
  return { proposedAt: new Date(proposedAt), id };
}
