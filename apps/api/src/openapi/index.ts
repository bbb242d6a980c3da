// The OpenAPI document built from the route contracts, and the docs pages that serve it.
export { mountApiDocs } from './docs.js';
export { buildOpenApiDocument, type ApiDocOptions } from './openapi.js';
