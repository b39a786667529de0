import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { adminAnswer, adminOrder, ORDER_EMAIL } from '../testing/admin-orders.js';
import { signedUrl } from '../testing/signed.js';
import { TEST_ENV } from '../testing/test-app.js';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

/** An Admin endpoint whose lookups wait until released, so a request is surely in flight. */
function slowAdmin(): { server: Server; release: () => void; asked: Promise<void> } {
  let release = () => {};
  let asked = () => {};
  const askedPromise = new Promise<void>((resolve) => {
    asked = resolve;
  });
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', async () => {
      res.setHeader('content-type', 'application/json');
      if (body.includes('ShopCheck')) {
        res.end(JSON.stringify({ data: { shop: { name: 'Demo', ianaTimezone: 'UTC' } } }));
        return;
      }
      asked();
      await released;
      res.end(JSON.stringify(adminAnswer(body, [adminOrder()])));
    });
  });
  return { server, release: () => release(), asked: askedPromise };
}

let proc: ChildProcess | undefined;
let admin: Server | undefined;
afterEach(() => {
  proc?.kill('SIGKILL');
  admin?.close();
});

describe('npm start', () => {
  // The first start creates the embedded database (initdb, migrations, pg-boss): slow on a busy machine.
  it('on SIGTERM stops accepting, finishes the request in flight and exits 0', async () => {
    const slow = slowAdmin();
    admin = slow.server;
    await new Promise<void>((resolve) => slow.server.listen(0, '127.0.0.1', resolve));
    const adminPort = (slow.server.address() as AddressInfo).port;
    const dataDir = mkdtempSync(join(tmpdir(), 'main-test-'));
    proc = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      env: {
        ...process.env,
        ...TEST_ENV,
        SHOPIFY_ADMIN_ENDPOINT: `http://127.0.0.1:${adminPort}/graphql`,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DATABASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const child = proc;
    const port = await new Promise<number>((resolve) => {
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /"event":"listening"[^\n]*"port":(\d+)/.exec(out);
        if (match) resolve(Number(match[1]));
      });
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    // The signature is checked against the real clock here.
    const url = signedUrl('/proxy/lookup', { nowMs: Date.now() }).replace(
      'http://proxy.test',
      `http://127.0.0.1:${port}`,
    );
    const inFlight = fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ orderNumber: '1001', email: ORDER_EMAIL }),
    });
    await slow.asked;
    child.kill('SIGTERM');
    // Give the signal a moment to land, then let the Admin answer.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const refused = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      () => 'answered',
      () => 'refused',
    );
    slow.release();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(refused).toBe('refused');
    expect(await exited).toBe(0);
  }, 90_000);
});
