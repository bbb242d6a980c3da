import type { Cell } from '../report.js';

/**
 * The small-number rule (DOMAIN.md): a count from 1 to threshold − 1 is published as the band "1–<threshold − 1>",
 * so a single person's request cannot be singled out; 0 stays 0 (nothing to hide), and larger counts are exact.
 */
export function band(count: number, threshold: number): Cell {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`not a count: ${count}`);
  if (count === 0 || count >= threshold) return count;
  return `1–${threshold - 1}`;
}

export function isBanded(cell: Cell): cell is string {
  return typeof cell === 'string';
}
