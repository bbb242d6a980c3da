import { scaleBand, scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { cell } from '@/lib/reports';

export interface PeriodFigures {
  period: string;
  received: number | string;
  disclosed: number | string;
}

const HEIGHT = 240;
const MARGIN = { top: 16, right: 8, bottom: 28, left: 40 };
/** Room per period; the chart is only as wide as its periods need, at least a phone's width. */
const PER_PERIOD = 72;
const MIN_WIDTH = 320;

/**
 * A band ("1–9") is drawn at its upper end, a withheld count ("≥10") at its lower one; the label still says what
 * was published, never a made-up exact number.
 */
function height(value: number | string): number {
  if (typeof value === 'number') return value;
  return value.startsWith('≥') ? Number(value.slice(1)) : Number(value.split('–')[1]);
}

/**
 * Requests received against requests with data disclosed, per published period, drawn on the server: plain SVG,
 * no script, so it shows without JavaScript and under the portal's Content-Security-Policy.
 */
export function PeriodsChart({ periods }: { periods: readonly PeriodFigures[] }) {
  // Drawn at most at its own size (max-width below): a chart of two periods stretched to 640 units would shrink to
  // half on a 360 px phone, its 14-unit labels to 7 px; at 320 units they stay legible there.
  const width = Math.max(MIN_WIDTH, MARGIN.left + MARGIN.right + periods.length * PER_PERIOD);
  const x = scaleBand<string>()
    .domain(periods.map((p) => p.period))
    .range([MARGIN.left, width - MARGIN.right])
    .padding(0.3);
  const inner = scaleBand<string>().domain(['received', 'disclosed']).range([0, x.bandwidth()]).padding(0.1);
  const max = Math.max(1, ...periods.flatMap((p) => [height(p.received), height(p.disclosed)]));
  const y = scaleLinear()
    .domain([0, max])
    .nice()
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const baseline = line()([
    [MARGIN.left, y(0)],
    [width - MARGIN.right, y(0)],
  ]);
  const summary = periods
    .map((p) => `${p.period}: ${cell(p.received)} received, ${cell(p.disclosed)} with data disclosed`)
    .join('; ');
  return (
    <figure className="periods-chart">
      <svg
        viewBox={`0 0 ${width} ${HEIGHT}`}
        style={{ maxWidth: `${width}px` }}
        role="img"
        aria-labelledby="periods-chart-title periods-chart-desc"
        data-testid="periods-chart"
      >
        <title id="periods-chart-title">Requests received and requests with data disclosed, per period</title>
        <desc id="periods-chart-desc">{summary}</desc>
        {y.ticks(4).map((tick) => (
          <g key={tick}>
            <path
              d={
                line()([
                  [MARGIN.left, y(tick)],
                  [width - MARGIN.right, y(tick)],
                ]) ?? ''
              }
              className="grid"
            />
            <text x={MARGIN.left - 6} y={y(tick)} textAnchor="end" dominantBaseline="middle" className="tick">
              {tick}
            </text>
          </g>
        ))}
        {periods.map((p) => (
          <g key={p.period} transform={`translate(${x(p.period) ?? 0},0)`}>
            {(['received', 'disclosed'] as const).map((series) => (
              <g key={series}>
                <rect
                  x={inner(series)}
                  y={y(height(p[series]))}
                  width={inner.bandwidth()}
                  height={y(0) - y(height(p[series]))}
                  className={`bar bar-${series}${typeof p[series] === 'string' ? ' banded' : ''}`}
                  data-series={series}
                  data-value={cell(p[series])}
                />
                <text
                  x={(inner(series) ?? 0) + inner.bandwidth() / 2}
                  y={y(height(p[series])) - 4}
                  textAnchor="middle"
                  className="tick"
                >
                  {cell(p[series])}
                </text>
              </g>
            ))}
            <text x={x.bandwidth() / 2} y={HEIGHT - 8} textAnchor="middle" className="tick">
              {p.period}
            </text>
          </g>
        ))}
        <path d={baseline ?? ''} className="axis" />
      </svg>
      <figcaption>
        <span className="key key-received" aria-hidden="true" /> Requests received{' '}
        <span className="key key-disclosed" aria-hidden="true" /> Requests with data disclosed. A band such as “1–9” is
        drawn at its upper end.
      </figcaption>
    </figure>
  );
}
