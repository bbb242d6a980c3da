// The policy in force, compiled once at boot: inject it with @Inject(POLICY).
export { POLICY } from './policy-config.provider.js';
export { PolicyModule } from './policy.module.js';
