// What other features may use of decisions/: the module, and the policy engine's verdict on verification.
export { DecisionsModule } from './decisions.module.js';
export { assessVerification } from './evaluate-request.js';
export { loadRequestForPolicy } from './load-policy-rows.js';
export { toPolicyInputs } from './policy-inputs.js';
