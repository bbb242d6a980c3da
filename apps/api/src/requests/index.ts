// What other features may use of requests/: the row lock and the lifecycle's transition, for steps (verification,
// decisions, disclosure) that move a request in their own transaction.
export { lockRequest } from './lock-request.js';
export { type RequestRow } from './request-view.js';
export { RequestsModule } from './requests.module.js';
export { transitionRequest } from './transition-request.js';
