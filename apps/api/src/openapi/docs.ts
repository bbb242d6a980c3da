import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type Express } from 'express';
import { type ApiDocOptions, buildOpenApiDocument } from './openapi.js';

const require = createRequire(import.meta.url);

/** Serves the document at /api/docs/openapi.json and a browsable Swagger UI at /api/docs, both offline. */
export function mountApiDocs(app: Express, options: ApiDocOptions = {}): void {
  const document = buildOpenApiDocument(undefined, options);
  const uiDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  app.get('/api/docs/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.get(['/api/docs', '/api/docs/'], (_req, res) => {
    res.type('html').send(DOCS_PAGE);
  });
  app.get('/api/docs/init.js', (_req, res) => {
    res.type('application/javascript').send(INIT_SCRIPT);
  });
  app.use('/api/docs/assets', express.static(uiDir, { index: false }));
}

// Inline scripts would need a CSP exception; the initialiser is served as its own file instead.
const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Writ API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;

const INIT_SCRIPT = `window.ui = SwaggerUIBundle({ url: '/api/docs/openapi.json', dom_id: '#swagger-ui', deepLinking: true });`;
