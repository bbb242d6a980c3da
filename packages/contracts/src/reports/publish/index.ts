// Counted figures to published cells: the one rule the API publishes by and writ-verify recounts by.
export { band } from './band.js';
export type { CountedDsaRow, CountedRow } from './counted.js';
export { publishedRows } from './publish-rows.js';
export { OUTCOME_FIELDS } from './suppress.js';
