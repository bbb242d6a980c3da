import pg from 'pg';

/**
 * Fails fast, and says which variable to fix, when the database cannot be reached: a server that starts and then
 * answers every request with 500 is worse than one that refuses to start.
 */
export async function waitForDatabase(connectionString: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: Math.min(3000, timeoutMs) });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (error) {
      lastError = error;
      await client.end().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(`Cannot reach the database named by DATABASE_URL within ${timeoutMs / 1000} s: ${reason}`);
}
