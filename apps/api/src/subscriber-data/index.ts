// The platform's subscriber data, reached only through these narrow interfaces (docs/POLICY.md).
export {
  type Connection,
  type ConnectionWindow,
  SUBSCRIBER_DATA,
  type SubscriberDataSource,
} from './subscriber-data-source.js';
export { SubscriberDataModule } from './subscriber-data.module.js';
export { SUBSCRIBER_LOOKUP, type SubscriberLookup } from './subscriber-lookup.js';
export { lookUpTargets, storeTargetLookups, type TargetToLookUp } from './target-lookups.js';
