// The database: PrismaService (with the driver hot paths) and the helpers every feature shares.
export { DatabaseModule } from './database.module.js';
export { isForeignKeyViolation, isStatementTimeout, isUniqueViolation, TX } from './db-helpers.js';
export { PrismaService, type RawQuery, type Tx } from './prisma.service.js';
export { waitForDatabase } from './wait-for-database.js';
