// What the public report pages share with the rest of the portal: the figures table, as the public reads it, and
// its styles (the staff's draft review shows a draft in the very same table before it is published).
import './reports.css';

export { reportTableHtml } from './report-table';
