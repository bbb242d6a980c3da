import 'server-only';
import { geoEqualEarth, geoPath } from 'd3-geo';
import countries from 'i18n-iso-countries';
import Link from 'next/link';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import { cell, countryLabel } from '@/lib/reports';

const WIDTH = 640;
const HEIGHT = 330;

/** Natural Earth's shapes (world-atlas, 1:110m), projected once per server process: they never change. */
const SHAPES = (() => {
  const topology = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const collection = feature(topology, topology.objects.countries);
  const projection = geoEqualEarth().fitSize([WIDTH, HEIGHT], collection);
  const path = geoPath(projection).digits(1);
  return collection.features.map((shape) => ({
    iso2: shape.id === undefined ? undefined : countries.numericToAlpha2(String(shape.id)),
    d: path(shape) ?? '',
  }));
})();

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
 * link to its page, named for screen readers; the same figures follow as a list, for anyone the map does not serve.
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
  const byCountry = new Map(figures.map((f) => [f.country, f]));
  const legend = new Map<string, string>();
  for (const figure of figures) {
    const { className, legend: label } = shade(figure.received);
    legend.set(className, label);
  }
  return (
    <figure className="world-map" aria-labelledby="world-map-caption">
      <figcaption id="world-map-caption">{caption}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="group" aria-labelledby="world-map-caption">
        {SHAPES.map(({ iso2, d }, i) => {
          const figure = iso2 ? byCountry.get(iso2) : undefined;
          if (!figure || !iso2) return <path key={i} d={d} className="map-land" aria-hidden="true" />;
          const label = `${countryLabel(iso2)}: ${cell(figure.received)} requests received`;
          return (
            <Link key={i} href={`/countries/${iso2}`} aria-label={label}>
              <path
                d={d}
                className={`${shade(figure.received).className}${iso2 === current ? ' map-current' : ''}`}
                data-country={iso2}
              >
                <title>{label}</title>
              </path>
            </Link>
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
                <Link href={`/countries/${f.country}`} aria-current={f.country === current ? 'page' : undefined}>
                  {countryLabel(f.country)}
                </Link>
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
