import {
  hasShape,
  MAP_HEIGHT,
  MAP_WIDTH,
  WORLD_SHAPES_ETAG,
  WORLD_SHAPES_FILE,
  WORLD_SHAPES_SVG,
} from './world-shapes';

describe('world shapes', () => {
  const ids = [...WORLD_SHAPES_SVG.matchAll(/<path id="([^"]+)"/g)].map((match) => match[1]);

  it('names each country by its ISO code once, and leaves colour to the page', () => {
    expect(ids.length).toBeGreaterThan(150);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['FR', 'DE', 'NL', 'ES', 'US', 'BR', 'IN']));
    for (const code of ['FR', 'DE', 'NL', 'ES']) expect(hasShape(code)).toBe(true);
    expect(hasShape('AQ')).toBe(false); // left out on purpose
    expect(hasShape('MT')).toBe(false); // too small for 1:110m
    expect(WORLD_SHAPES_SVG).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 6400 \d+"><g id="land">/,
    );
    expect(WORLD_SHAPES_SVG).not.toMatch(/fill=|stroke=/);
  });

  it('keeps every point inside the map, in whole units', () => {
    expect(MAP_WIDTH).toBe(6400);
    expect(MAP_HEIGHT).toBeGreaterThan(2000);
    expect(MAP_HEIGHT).toBeLessThan(3300);
    // A ring: an absolute move, then relative steps (a number after another starts with a space or a minus sign).
    const next = '( \\d+|-\\d+)';
    const ring = `M\\d+ \\d+(l-?\\d+${next}(${next}${next})*)?z`;
    for (const [, d] of WORLD_SHAPES_SVG.matchAll(/ d="([^"]*)"/g)) {
      expect(d).toMatch(new RegExp(`^(${ring})+$`));
      const [x, y] = /^M(\d+) (\d+)/.exec(d!)!.slice(1).map(Number);
      expect(x).toBeLessThanOrEqual(MAP_WIDTH);
      expect(y).toBeLessThanOrEqual(MAP_HEIGHT);
    }
  });

  it('is named by its own hash, so a changed map is a new URL', () => {
    expect(WORLD_SHAPES_FILE).toBe(`world-${WORLD_SHAPES_ETAG.slice(1, 17)}.svg`);
    expect(WORLD_SHAPES_FILE).toMatch(/^world-[0-9a-f]{16}\.svg$/);
  });
});
