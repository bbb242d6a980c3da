import { ALL, COUNT_FIELDS, type ReportRow } from '@writ/contracts';
import { changedFigures } from './report-diff';

function row(country: string, legalProcess: ReportRow['legalProcess'], figures: Partial<ReportRow> = {}): ReportRow {
  const zero = Object.fromEntries(COUNT_FIELDS.map((field) => [field, 0])) as Record<(typeof COUNT_FIELDS)[number], 0>;
  return {
    country,
    legalProcess,
    ...zero,
    shareWithDataDisclosed: null,
    medianHoursToAcknowledge: null,
    medianHoursToGiveEffect: null,
    ...figures,
  };
}

describe('changedFigures', () => {
  it('is empty when every printed figure is the same', () => {
    const rows = [row('FR', 'COURT_ORDER', { requestsReceived: 12 }), row(ALL, ALL, { requestsReceived: 12 })];
    expect(changedFigures(rows, structuredClone(rows))).toEqual([]);
  });

  it('names each figure that differs as printed: a band, a withheld count, a share, a median', () => {
    const published = [
      row('FR', 'COURT_ORDER', { requestsReceived: '1–9', noData: '1–9' }),
      row(ALL, ALL, { requestsReceived: 12, shareWithDataDisclosed: 0.25, medianHoursToAcknowledge: 4 }),
    ];
    const draft = [
      row('FR', 'COURT_ORDER', { requestsReceived: 14, noData: '1–9' }),
      row(ALL, ALL, { requestsReceived: '≥10', shareWithDataDisclosed: null, medianHoursToAcknowledge: 4 }),
    ];
    expect(changedFigures(published, draft)).toEqual([
      {
        country: 'France (FR)',
        legalProcess: 'Court order',
        figure: 'Requests received',
        published: '1–9',
        draft: '14',
      },
      {
        country: 'All countries',
        legalProcess: 'All legal processes',
        figure: 'Requests received',
        published: '12',
        draft: '≥10',
      },
      {
        country: 'All countries',
        legalProcess: 'All legal processes',
        figure: 'Share of requests with data disclosed',
        published: '25.0 %',
        draft: '—',
      },
    ]);
  });

  it('reads a row only one version prints as a country without requests in the other', () => {
    const published = [row('DE', 'WARRANT', { requestsReceived: 10, pending: 10 })];
    const draft = [row('FR', 'COURT_ORDER', { requestsReceived: 1_234 })];
    expect(changedFigures(published, draft)).toEqual([
      expect.objectContaining({ country: 'France (FR)', figure: 'Requests received', published: '0', draft: '1,234' }),
      expect.objectContaining({ country: 'Germany (DE)', figure: 'Requests received', published: '10', draft: '0' }),
      expect.objectContaining({ country: 'Germany (DE)', figure: 'Pending', published: '10', draft: '0' }),
    ]);
  });
});
