export * from './domain.js';
export * from './countries.js';
export * from './errors.js';
