// Correcting a request while it is RECEIVED or IN_REVIEW: its details, its targets, and when its receipt was
// acknowledged. The request page uses this folder through this file only.
export { AcknowledgeReceipt } from './acknowledge-receipt';
export { AddTarget } from './add-target';
export { canCorrect, mayAcknowledge } from './can-correct';
export { CorrectRequest } from './correct-request';
export { RemoveTarget } from './remove-target';
