// The transparency log: the integrator (its state for /health, its keys for signed reports) and the module.
export { Integrator } from './integrator.js';
export { TransparencyLogModule } from './transparency-log.module.js';
