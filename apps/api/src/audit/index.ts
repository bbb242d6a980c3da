// What other features may use of audit/: the service that writes an event in the caller's transaction.
export { AuditModule } from './audit.module.js';
export { AuditService } from './audit.service.js';
export { prepareEvent, type Actor, type AuditInput, type PreparedEvent } from './prepare-event.js';
