// Writes docs/AUDIT-ACTIONS.md from the declared audit actions (packages/contracts/src/audit).
// `npm run docs:audit`; packages/contracts/src/audit/audit-actions.test.ts fails when the file is stale.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderAuditActionsDoc } from '../../packages/contracts/src/audit/index.js';

const target = path.resolve(import.meta.dirname, '../../docs/AUDIT-ACTIONS.md');
writeFileSync(target, renderAuditActionsDoc());
process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
