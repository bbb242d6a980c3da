export * from './domain.js';
export * from './countries.js';
export * from './errors.js';
export * from './route.js';
export * from './pagination.js';
export * from './health/health.contract.js';
export { ROUTES } from './routes.js';
