// CI: checks that the Postgres and Redis the tests were pointed at answer, naming what does not.
import { connect } from 'node:net';
import pg from 'pg';

const TIMEOUT_MS = 5_000;

async function checkPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: TIMEOUT_MS });
  try {
    await client.connect();
    await client.query('select 1');
  } finally {
    await client.end().catch(() => {});
  }
}

/** Sends an inline PING and waits for `+PONG`. */
function checkRedis(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname || '127.0.0.1', port: Number(port) || 6379 });
    let answer = '';
    const fail = (error: Error) => {
      socket.destroy();
      reject(error);
    };
    socket.setTimeout(TIMEOUT_MS, () => fail(new Error('no answer')));
    socket.on('error', fail);
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      if (!answer.includes('\r\n')) return;
      socket.end();
      if (answer.startsWith('+PONG')) resolve();
      else fail(new Error(`answered ${JSON.stringify(answer.trim())}`));
    });
  });
}

const checks: [name: string, url: string | undefined, check: (url: string) => Promise<void>][] = [
  ['TEST_DATABASE_URL', process.env.TEST_DATABASE_URL, checkPostgres],
  ['TEST_REDIS_URL', process.env.TEST_REDIS_URL, checkRedis],
];

let failed = false;
for (const [name, url, check] of checks) {
  if (!url) continue;
  try {
    await check(url);
    console.log(`${name}: reachable`);
  } catch (error) {
    failed = true;
    console.error(`${name}: not reachable (${(error as Error).message})`);
  }
}
process.exit(failed ? 1 : 0);
