/**
 * WR-YYYY-NNNNNN: the year of intake (UTC) and a number from the request_reference_seq sequence (migration
 * 20261126062130_request_reference_sequence), which never blocks and never repeats, so concurrent intakes cannot
 * collide. Six digits are a minimum width, not a limit.
 */
export function formatReference(year: number, number: bigint | number): string {
  return `WR-${year}-${String(number).padStart(6, '0')}`;
}
