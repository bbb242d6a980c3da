// What other features may use of authorities/: the registry entry an order is verified against, and DER parsing.
export { AuthoritiesModule } from './authorities.module.js';
export { AuthoritiesService } from './authorities.service.js';
export { derElementLength } from './der.js';
export type { AuthorityRegistryEntry } from './read-registry-entry.js';
