// What other features may use of decisions/: the module, and the policy engine's verdict on verification.
export { assessRequestVerification } from './assess-verification.js';
export { DecisionsModule } from './decisions.module.js';
