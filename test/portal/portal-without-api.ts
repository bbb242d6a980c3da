// A second portal process (the same build) whose API address points at a port nobody listens on: how the public
// pages behave when the API is down, without stopping the API the other suites share.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort, ROOT } from '../support/postgres';

export interface DetachedPortal {
  url: string;
  stop(): Promise<void>;
}

export async function startPortalWithoutApi(): Promise<DetachedPortal> {
  const [port, deadPort] = [await freePort(), await freePort()];
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT, 'apps/portal/dist/server/main.js'), '--port', String(port), '--host', '127.0.0.1'],
    {
      cwd: ROOT,
      env: { ...process.env, WRIT_API_URL: `http://127.0.0.1:${deadPort}`, NEXT_TELEMETRY_DISABLED: '1' },
      stdio: 'ignore',
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the second portal exited with code ${child.exitCode}`);
    try {
      await fetch(`${url}/icon.svg`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`the second portal did not start on ${url}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
