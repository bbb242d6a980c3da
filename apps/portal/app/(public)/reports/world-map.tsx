import 'server-only';
import { cell, countryLabel } from '@/lib/reports';
import { hasShape, MAP_HEIGHT, MAP_WIDTH, WORLD_SHAPES_URL } from '@/lib/world-shapes';

export interface CountryFigure {
  country: string;
  /** Requests received as published: exact, a band ("1–9") or withheld ("≥10"). */
  received: number | string;
  /** Requests with some data disclosed, as published. */
  disclosed: number | string;
}

/** Classes, not a continuous scale: a band or a withheld count has no exact value to put on one. */
function shade(value: number | string): { className: string; legend: string } {
  if (typeof value === 'string') {
    return value.startsWith('≥')
      ? { className: 'map-withheld', legend: `${value} (withheld)` }
      : { className: 'map-band', legend: value };
  }
  if (value === 0) return { className: 'map-none', legend: '0' };
  if (value < 100) return { className: 'map-low', legend: 'under 100' };
  if (value < 1000) return { className: 'map-mid', legend: '100–999' };
  return { className: 'map-high', legend: '1,000 or more' };
}

/**
 * A choropleth of requests received per country, drawn on the server as plain SVG: each country with figures is a
 * link to its page, named for screen readers; the same figures follow as a table, for anyone the map does not serve.
 * The shapes come from one cached file (lib/world-shapes.ts) through <use>; the page holds only the figures.
 * Plain links, not next/link: the pages behind them are cached whole on the server, and a client-side link would put
 * each country into Next.js's payload and prefetch them all.
 */
export function WorldMap({
  figures,
  current,
  caption,
}: {
  figures: CountryFigure[];
  current?: string;
  caption: string;
}) {
  const legend = new Map<string, string>();
  for (const figure of figures) {
    const { className, legend: label } = shade(figure.received);
    legend.set(className, label);
  }
  return (
    <figure className="world-map" aria-labelledby="world-map-caption">
      <figcaption id="world-map-caption">{caption}</figcaption>
      <svg viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`} role="group" aria-labelledby="world-map-caption">
        <use href={`${WORLD_SHAPES_URL}#land`} className="map-land" aria-hidden="true" />
        {figures
          .filter((figure) => hasShape(figure.country))
          // The current country last, so that no neighbour is drawn over its outline.
          .sort((a, b) => Number(a.country === current) - Number(b.country === current))
          .map((figure) => {
            const iso2 = figure.country;
            const label = `${countryLabel(iso2)}: ${cell(figure.received)} requests received`;
            return (
              <a key={iso2} href={`/countries/${iso2}`} aria-label={label}>
                <title>{label}</title>
                <use
                  href={`${WORLD_SHAPES_URL}#${iso2}`}
                  className={`${shade(figure.received).className}${iso2 === current ? ' map-current' : ''}`}
                  data-country={iso2}
                />
              </a>
            );
          })}
      </svg>
      <ul className="map-legend" aria-label="Map key">
        {[...legend].map(([className, label]) => (
          <li key={className}>
            <span className={`map-swatch ${className}`} aria-hidden="true" /> {label}
          </li>
        ))}
      </ul>
    </figure>
  );
}

/**
 * The map's figures as a plain table of links: the text alternative, the way between countries on a small screen
 * (where the map is too small to hit a country), and what a screen reader reads instead of the picture.
 */
export function CountryTable({
  figures,
  current,
  caption,
}: {
  figures: CountryFigure[];
  current?: string;
  caption: string;
}) {
  return (
    <table className="country-table" data-testid="country-list">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Country</th>
          <th scope="col" className="num">
            Requests received
          </th>
          <th scope="col" className="num">
            With data disclosed
          </th>
        </tr>
      </thead>
      <tbody>
        {[...figures]
          .sort((a, b) => countryLabel(a.country).localeCompare(countryLabel(b.country)))
          .map((f) => (
            <tr key={f.country} data-country={f.country}>
              <th scope="row">
                <a href={`/countries/${f.country}`} aria-current={f.country === current ? 'page' : undefined}>
                  {countryLabel(f.country)}
                </a>
              </th>
              <td className="num" data-field="requestsReceived">
                {cell(f.received)}
              </td>
              <td className="num" data-field="requestsWithDataDisclosed">
                {cell(f.disclosed)}
              </td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}
