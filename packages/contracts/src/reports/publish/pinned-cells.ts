import type { CellKey, Relation } from './suppress.js';

const EPSILON = 1e-9;

/**
 * |x| ≤ EPSILON, spelled without Math.abs: in jest's vm context every lookup of a global (Math) is a slow call,
 * which made this function most of the suppression properties' time (40,000 reports in CI).
 */
const negligible = (x: number) => x <= EPSILON && x >= -EPSILON;

/**
 * The hidden cells that the published sums determine all together, though no single sum does (two countries'
 * bands whose sum another table prints, say): Gauss–Jordan elimination over every sum that has a hidden member,
 * with the hidden cells as the unknowns. A cell is determined when a reduced row has it as its only unknown.
 */
export function pinnedCells(relations: readonly Relation[], hidden: ReadonlySet<CellKey>): CellKey[] {
  const unknowns = [...hidden];
  const column = new Map(unknowns.map((key, i) => [key, i]));
  const rows: Float64Array[] = [];
  for (const { total, parts } of relations) {
    const row = new Float64Array(unknowns.length);
    let any = false;
    for (const [key, sign] of [[total, 1] as const, ...parts.map((part) => [part, -1] as const)]) {
      const i = column.get(key);
      if (i === undefined) continue;
      row[i]! += sign;
      any = true;
    }
    if (any) rows.push(row);
  }
  // A sum names a few of the hidden cells, so the pivot row is mostly zeros: only its nonzero columns are
  // subtracted (x − f·0 is x), which keeps the arithmetic exactly that of the full loop.
  const nonzero = new Int32Array(unknowns.length);
  let rank = 0;
  for (let col = 0; col < unknowns.length && rank < rows.length; col++) {
    let pivot = -1;
    for (let i = rank; i < rows.length; i++) if (!negligible(rows[i]![col]!)) pivot = i;
    if (pivot < 0) continue;
    [rows[rank], rows[pivot]] = [rows[pivot]!, rows[rank]!];
    const top = rows[rank]!;
    const p = top[col]!;
    let count = 0;
    for (let j = col; j < top.length; j++) {
      if (top[j] === 0) continue;
      top[j]! /= p;
      nonzero[count++] = j;
    }
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const f = row[col]!;
      if (i === rank || (f < EPSILON && f > -EPSILON)) continue;
      for (let k = 0; k < count; k++) {
        const j = nonzero[k]!;
        row[j]! -= f * top[j]!;
      }
    }
    rank++;
  }
  const pinned: CellKey[] = [];
  for (let i = 0; i < rank; i++) {
    const row = rows[i]!;
    let only = -1;
    for (let j = 0; j < row.length; j++) {
      if (negligible(row[j]!)) continue;
      if (only >= 0) {
        only = -2;
        break;
      }
      only = j;
    }
    if (only >= 0) pinned.push(unknowns[only]!);
  }
  return pinned;
}
