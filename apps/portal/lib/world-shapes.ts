import { createHash } from 'node:crypto';
import { geoEqualEarth, geoPath } from 'd3-geo';
import countries from 'i18n-iso-countries';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import { RelativePath } from './relative-path';

/** The map's width: ten units to a pixel of a 640 px wide map, so whole numbers keep 0.1 px precision. */
export const MAP_WIDTH = 6400;

/**
 * Natural Earth's country shapes (world-atlas, 1:110m), projected once per server process, as one SVG document:
 * every country a path under the group `land`, those with an ISO 3166-1 code with that code as their id.
 *
 * Pages draw the map with `<use href="…#land">` and `<use href="…#FR">` instead of holding the shapes
 * themselves. Inline, ~55 kB of path data were in each report and country page twice (in the HTML and again in
 * Next.js's payload for the browser); as a file of their own, under a name that changes with its content, they are
 * fetched once and kept by the browser for good, and a page carries only its figures.
 */
const { svg, codes, height } = (() => {
  const topology = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const all = feature(topology, topology.objects.countries);
  // Antarctica (ISO 3166 numeric 010) sends no demands and took a fifth of the map's height, which a phone needs.
  const collection = { ...all, features: all.features.filter((shape) => shape.id !== '010') };
  const context = new RelativePath();
  const projection = geoEqualEarth().fitWidth(MAP_WIDTH, collection);
  const height = Math.ceil(geoPath(projection).bounds(collection)[1][1]);
  const path = geoPath(projection, context);
  const codes = new Set<string>();
  const paths = collection.features.map((shape) => {
    path(shape);
    const iso2 = shape.id === undefined ? undefined : countries.numericToAlpha2(String(shape.id));
    // One shape per code: the id must be unique in the document.
    const id = iso2 && !codes.has(iso2) ? iso2 : undefined;
    if (id) codes.add(id);
    return `<path${id ? ` id="${id}"` : ''} d="${context.take()}"/>`;
  });
  // No fill or stroke here: a <use> passes its own down to the shapes it draws, so the page's classes colour them.
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${MAP_WIDTH} ${height}">` +
    `<g id="land">${paths.join('')}</g></svg>\n`;
  return { svg, codes, height };
})();

export const WORLD_SHAPES_SVG = svg;
/** The map's height in the same units: as tall as the projected land, nothing above or below. */
export const MAP_HEIGHT = height;
const hash = createHash('sha256').update(svg).digest('hex');
export const WORLD_SHAPES_ETAG = `"${hash}"`;
/** The file's name holds its hash, so it can be cached as immutable and a new version is a new name. */
export const WORLD_SHAPES_FILE = `world-${hash.slice(0, 16)}.svg`;
export const WORLD_SHAPES_URL = `/map/${WORLD_SHAPES_FILE}`;

/** Whether the map has a shape for this country (1:110m leaves out the smallest, such as Malta or Monaco). */
export function hasShape(iso2: string): boolean {
  return codes.has(iso2);
}
