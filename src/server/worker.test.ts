import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TEST_ENV } from '../testing/test-app.js';

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

/** Runs the worker with `env` and resolves with its exit code and error output. */
function run(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
      env: { ...process.env, ...TEST_ENV, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

describe('npm run worker', () => {
  it('refuses to start without DATABASE_URL, saying why', async () => {
    const { code, stderr } = await run({ DATABASE_URL: '' });
    expect(code).toBe(1);
    expect(stderr).toContain('DATABASE_URL');
    expect(stderr).not.toContain('    at ');
  }, 60_000);

  it('refuses a malformed WATCHER_INTERVAL_S before touching the database', async () => {
    const { code, stderr } = await run({
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      WATCHER_INTERVAL_S: 'often',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('WATCHER_INTERVAL_S');
  }, 60_000);
});
