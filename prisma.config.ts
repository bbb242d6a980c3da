import { defineConfig } from 'prisma/config';

// Prisma 7 reads the connection from here, not from schema.prisma. Migrations are created and applied by
// scripts/db/migrate.ts on the WebAssembly schema engine, because the native engine cannot be downloaded here.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations', seed: 'tsx prisma/seed.ts' },
  datasource: { url: process.env.DATABASE_OWNER_URL ?? process.env.DATABASE_URL ?? 'postgresql://localhost:5432/writ' },
});
