import type { GeoContext } from 'd3-geo';

/**
 * A d3-geo path context that writes SVG path data in whole units, each point relative to the one before it
 * ("l3-2 4 5" rather than "L612.3,140.7L612.7,141.2"): the world map's shapes come to half the bytes of d3's own
 * absolute output at the same precision, and gzip better (small repeating deltas). Points are rounded in absolute
 * terms before the differences are taken, so rounding errors never add up along a ring; a point that rounds onto
 * the one before it is left out. Only polygons and lines: a map of countries draws no circles (`arc`).
 */
export class RelativePath implements GeoContext {
  private data = '';
  private x = 0;
  private y = 0;
  /** Whether the data ends in a run of relative line points, which the next point may continue without a letter. */
  private inLine = false;

  moveTo(x: number, y: number): void {
    this.x = Math.round(x);
    this.y = Math.round(y);
    this.data += `M${this.x} ${this.y}`;
    this.inLine = false;
  }

  lineTo(x: number, y: number): void {
    const nx = Math.round(x);
    const ny = Math.round(y);
    const dx = nx - this.x;
    const dy = ny - this.y;
    if (dx === 0 && dy === 0) return;
    this.data += `${this.inLine ? separated(dx) : `l${dx}`}${separated(dy)}`;
    this.x = nx;
    this.y = ny;
    this.inLine = true;
  }

  closePath(): void {
    this.data += 'z';
    this.inLine = false;
  }

  /** A point (drawn as a circle): no country is one. */
  arc(_x: number, _y: number, _radius: number): void {
    throw new Error('RelativePath draws polygons and lines only, not points');
  }

  /** Part of the canvas interface d3 writes to; path data needs nothing for it. */
  beginPath(): void {}

  /** The data written since the last call, and a fresh start for the next shape. */
  take(): string {
    const data = this.data;
    this.data = '';
    this.inLine = false;
    return data;
  }
}

/** A number after another: a minus sign separates it already, anything else needs a space. */
function separated(n: number): string {
  return n < 0 ? `${n}` : ` ${n}`;
}
