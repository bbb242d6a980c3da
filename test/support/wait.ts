// Polling for something another process (or a background job) does soon but not at once.

/** Resolves once `check` is true; fails naming `what` after `timeoutMs`. */
export async function untilTrue(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
