// What other features and tools may use of disclosures/.
export { DisclosuresModule } from './disclosures.module.js';
export { loadPackageKeys, PACKAGE_KEYS, type PackageKeys } from './package-keys.js';
export { releaseItems, type ReleasePlan } from './release-items.js';
export { PackageExpiry } from './expire-packages.js';
