// Four eyes on what grants access or widens trust: staff changes (staff/) and registry changes (authorities/) share
// these steps; each table describes itself once (a ChangeTable) and keeps only what is its own.
export { approveChange, type ApproveChangeOptions } from './approve-change.js';
export { cancelChange } from './cancel-change.js';
export { decodeChangeCursor, encodeChangeCursor } from './change-cursor.js';
export {
  type ChangeRow,
  type ChangeStatus,
  type ChangeTable,
  changeFields,
  effectiveStatus,
  type FourEyesContext,
} from './change-table.js';
export { ChangeExpirySweeper, expireDue } from './expire-changes.js';
export { listChanges, type ListChangesOptions } from './list-changes.js';
export { insertProposal, type InsertProposalOptions, pendingConflict, proposeChange } from './propose-change.js';
export { readChange } from './read-change.js';
export { rejectChange, type RejectChangeOptions } from './reject-change.js';
