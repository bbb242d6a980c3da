export * from './actions.js';
export { defineAction, type AuditActionSpec } from './define-action.js';
export { renderAuditActionsDoc } from './render-doc.js';
