/** Node-only additions to the core: the node:crypto hasher, several times faster than the portable default. */
export { nodeHasher } from './cli/node-hasher.js';
