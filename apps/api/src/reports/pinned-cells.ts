import type { CellKey, Relation } from './suppress.js';

const EPSILON = 1e-9;

/**
 * The hidden cells that the published sums determine all together, though no single sum does (two countries'
 * bands whose sum another table prints, say): Gauss–Jordan elimination over every sum that has a hidden member,
 * with the hidden cells as the unknowns. A cell is determined when a reduced row has it as its only unknown.
 */
export function pinnedCells(relations: readonly Relation[], hidden: ReadonlySet<CellKey>): CellKey[] {
  const unknowns = [...hidden];
  const column = new Map(unknowns.map((key, i) => [key, i]));
  const rows: number[][] = [];
  for (const { total, parts } of relations) {
    const row = new Array<number>(unknowns.length).fill(0);
    let any = false;
    for (const [key, sign] of [[total, 1] as const, ...parts.map((part) => [part, -1] as const)]) {
      const i = column.get(key);
      if (i === undefined) continue;
      row[i]! += sign;
      any = true;
    }
    if (any) rows.push(row);
  }
  let rank = 0;
  for (let col = 0; col < unknowns.length && rank < rows.length; col++) {
    let pivot = -1;
    for (let i = rank; i < rows.length; i++) if (Math.abs(rows[i]![col]!) > EPSILON) pivot = i;
    if (pivot < 0) continue;
    [rows[rank], rows[pivot]] = [rows[pivot]!, rows[rank]!];
    const top = rows[rank]!;
    const p = top[col]!;
    for (let j = col; j < top.length; j++) top[j]! /= p;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const f = row[col]!;
      if (i === rank || Math.abs(f) < EPSILON) continue;
      for (let j = col; j < row.length; j++) row[j]! -= f * top[j]!;
    }
    rank++;
  }
  const pinned: CellKey[] = [];
  for (let i = 0; i < rank; i++) {
    const nonzero = rows[i]!.flatMap((v, j) => (Math.abs(v) > EPSILON ? [j] : []));
    if (nonzero.length === 1) pinned.push(unknowns[nonzero[0]!]!);
  }
  return pinned;
}
