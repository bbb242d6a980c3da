// What other features may use of authorities/: the registry entry an order is verified against, and DER parsing.
export { AuthoritiesModule } from './authorities.module.js';
export { AuthoritiesService, type AuthorityRegistryEntry } from './authorities.service.js';
export { derElementLength } from './der.js';
