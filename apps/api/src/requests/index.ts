// What other features may use of requests/: the row lock and the lifecycle's transition, for steps (verification,
// decisions, disclosure) that move a request in their own transaction, and the shapes they read.
export { expectRequest } from './expect-request.js';
export { lockRequest } from './lock-request.js';
export { recordRead, type RequestRead } from './record-read.js';
export { recordTransition } from './record-transition.js';
export type { RequestRow, TargetRow } from './request-view.js';
export { RequestsModule } from './requests.module.js';
export { transitionRequest } from './transition-request.js';
