import type { Tx } from '../database/prisma.service.js';

/**
 * WR-YYYY-NNNNNN: the year of intake (UTC) and a number from the request_reference_seq sequence (migration
 * 20261126061545_request_reference_sequence), which never blocks and never repeats, so concurrent intakes cannot
 * collide. Six digits are a minimum width, not a limit.
 */
export function formatReference(year: number, number: bigint | number): string {
  return `WR-${year}-${String(number).padStart(6, '0')}`;
}

export async function nextReference(tx: Tx, now: Date): Promise<string> {
  const rows = await tx.$queryRaw<{ n: bigint }[]>`SELECT nextval('request_reference_seq') AS n`;
  return formatReference(now.getUTCFullYear(), rows[0]!.n);
}
