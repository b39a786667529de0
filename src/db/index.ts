// Opens the app's database: real Postgres when DATABASE_URL is set, embedded PGlite otherwise.
//
// Query layer: Kysely. It is a typed SQL builder, not an ORM: the queries read as the SQL they run
// (ON CONFLICT … RETURNING, advisory locks, FOR UPDATE SKIP LOCKED stay one call away), the table
// types are plain TypeScript interfaces with no code generation step, and its Dialect interface is
// small enough that one dialect serves `pg` and another PGlite with the same query code, compiler
// and migrator. Its migrator takes a Postgres advisory lock, which makes start-up migrations safe
// when several processes start together.
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { fromPglite } from 'pg-boss';
import type { Logger } from '../core/ports.js';
import { type DataDirLock, lockDataDir } from '../platform/data-dir-lock.js';
import { migrateToLatest } from './migrate.js';
import { PGliteDialect } from './pglite-dialect.js';
import type { Database } from './schema.js';

export type { Database } from './schema.js';

export interface DatabaseConfig {
  /** `DATABASE_URL`: a postgres:// URL; empty or unset means the embedded database. */
  databaseUrl?: string | undefined;
  /** `DATA_DIR`: the embedded database lives in `{dataDir}/pglite`. */
  dataDir: string;
  /** Postgres only: the schema first on the search path (tests use one per file). Default public. */
  schema?: string | undefined;
  /** Postgres only: connections in this process's pool. Default 10. */
  poolMax?: number | undefined;
  /** Run pending migrations before returning. Default true. */
  migrate?: boolean | undefined;
}

/** Runs SQL for pg-boss: several statements when `values` is empty, every statement's rows back. */
export type ExecuteSql = (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: 'pglite' | 'postgres';
  /** The schema the app's tables are in. */
  schema: string;
  /** Resolves when the database answers `select 1`; rejects otherwise. */
  ping(): Promise<void>;
  /** Ends the pool (Postgres) or closes PGlite and releases DATA_DIR's lock. Idempotent. */
  close(): Promise<void>;
  executeSql: ExecuteSql;
  /** Postgres only: the URL, so pg-boss can open its own pool with LISTEN/NOTIFY. */
  connectionString?: string;
  /** PGlite only: the instance (pg-boss's PGlite adapter needs it for in-process LISTEN). */
  pglite?: PGlite;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens the database and (unless `migrate: false`) applies pending migrations.
 * Embedded: takes `{dataDir}/app.lock` first and throws ConfigError naming DATABASE_URL when
 * another live process holds it. Postgres: throws DatabaseUnavailableError naming DATABASE_URL
 * (never its value) when the server does not answer. Throws RangeError for a schema name that is not a plain lower-case identifier.
 */
export async function openDatabase(
  config: DatabaseConfig,
  logger: Logger,
): Promise<DatabaseHandle> {
  const url = config.databaseUrl?.trim();
  const handle = url
    ? openPostgres(url, config.schema ?? 'public', config.poolMax ?? 10, logger)
    : await openEmbedded(config.dataDir);
  try {
    await handle.ping().catch((cause: unknown) => {
      if (handle.kind === 'pglite') throw cause;
      // The URL may hold a password: the message names the setting and the reason only.
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new DatabaseUnavailableError(
        `The database at DATABASE_URL does not answer: ${reason}`,
        {
          cause,
        },
      );
    });
    if (config.migrate !== false) await migrateToLatest(handle.db, logger, handle.schema);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle.kind === 'pglite' ? withFreshStatistics(handle, logger) : handle;
}

/** How often the embedded database looks for tables whose planner statistics are out of date. */
export const STATISTICS_CHECK_MS = 10_000;

/**
 * Tables of the app's schema that grew since their statistics were taken: by more than a fifth of
 * the pages counted then, and by more than 2 pages (16 KB). Reading sizes costs no table scan.
 */
const GROWN_TABLES = sql<{ name: string }>`
  select c.relname as name
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = current_schema() and c.relkind = 'r'
    and pg_relation_size(c.oid) / current_setting('block_size')::int > c.relpages * 1.2 + 2`;

/**
 * PGlite runs no autovacuum daemon, so nothing else analyses its tables: the planner keeps the
 * statistics of empty tables and, with every order of a shop under one `shop` value, joins the
 * order store's tables by nested loops over the whole shop (an order's upsert then reads every
 * event of the shop: O(orders) per write). Like Postgres's autoanalyze, grown tables are analysed:
 * at open and every STATISTICS_CHECK_MS. A failure only logs; closing the handle stops the checks.
 */
export function withFreshStatistics(
  handle: DatabaseHandle,
  logger: Logger,
  everyMs = STATISTICS_CHECK_MS,
): DatabaseHandle {
  let running: Promise<void> | undefined;
  const check = () => {
    running ??= (async () => {
      try {
        const grown = await GROWN_TABLES.execute(handle.db);
        for (const { name } of grown.rows) await sql`analyze ${sql.id(name)}`.execute(handle.db);
        if (grown.rows.length > 0)
          logger.info({ event: 'statistics_refreshed', tables: grown.rows.map((r) => r.name) });
      } catch (error) {
        logger.warn({
          event: 'statistics_not_refreshed',
          name: error instanceof Error ? error.name : typeof error,
        });
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  const timer = setInterval(() => void check(), everyMs);
  timer.unref();
  void check();
  return {
    ...handle,
    close: async () => {
      clearInterval(timer);
      await running;
      await handle.close();
    },
  };
}

/** Raised by `openDatabase` when the Postgres server at DATABASE_URL cannot be reached. */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
}

function openPostgres(url: string, schema: string, max: number, logger: Logger): DatabaseHandle {
  if (!SCHEMA_NAME.test(schema)) throw new RangeError(`Not a plain schema name: ${schema}`);
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // Every connection of the pool sees the schema first, so queries never name it.
    ...(schema === 'public' ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle connection the server drops must not crash the process; the next query reconnects.
  pool.on('error', (error) =>
    logger.warn({ msg: 'database connection lost', error: error.message }),
  );
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let closed: Promise<void> | undefined;
  return {
    db,
    kind: 'postgres',
    schema,
    connectionString: url,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => {
      closed ??= db.destroy();
      return closed;
    },
    executeSql: async (text, values) => {
      // Without parameters pg uses the simple protocol, which answers several statements with an
      // array of results; pg-boss wants their rows together.
      const result = (await pool.query(text, values)) as pg.QueryResult | pg.QueryResult[];
      return { rows: Array.isArray(result) ? result.flatMap((r) => r.rows ?? []) : result.rows };
    },
  };
}

async function openEmbedded(dataDir: string): Promise<DatabaseHandle> {
  const lock = lockDataDir(dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(`${dataDir}/pglite`);
  } catch (error) {
    lock.release();
    throw error;
  }
  return wrapPGlite(pglite, lock);
}

/**
 * A handle over an open PGlite (on disk or in memory). Closing it closes the instance and
 * releases `lock` when given. Used by `openDatabase` and by the test harness's in-memory copies.
 */
export function wrapPGlite(pglite: PGlite, lock?: DataDirLock): DatabaseHandle {
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  const forJobs = fromPglite(pglite);
  let closed: Promise<void> | undefined;
  return {
    db,
    kind: 'pglite',
    schema: 'public',
    pglite,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => {
      closed ??= (async () => {
        try {
          await db.destroy();
          if (!pglite.closed) await pglite.close();
        } finally {
          lock?.release();
        }
      })();
      return closed;
    },
    executeSql: (text, values) => forJobs.executeSql(text, values),
  };
}
