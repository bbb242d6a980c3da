import type { CountField } from '../report.js';

// A period's figures as counted, before the small-number rule: what the API counts in SQL and what
// `writ-verify report` recounts from the log. Both publish them through publishedRows (publish-rows.ts).

/** One row as counted, before banding: exact numbers. `country`/`legalProcess` null mark a total over it. */
export interface CountedRow {
  country: string | null;
  legalProcess: string | null;
  counts: Record<CountField, number>;
  medianHoursToAcknowledge: number | null;
  medianHoursToGiveEffect: number | null;
  /** How many requests each median is taken over: below the threshold a median is one person's timing. */
  acknowledged: number;
  answered: number;
}

export interface CountedDsaRow {
  /** null: all Member States together (the template's TOTAL scope). */
  country: string | null;
  /** null: every category (the template's TOTAL). */
  category: string | null;
  orders: number;
  medianHoursToAcknowledge: number | null;
  medianHoursToGiveEffect: number | null;
  acknowledged: number;
  answered: number;
}
