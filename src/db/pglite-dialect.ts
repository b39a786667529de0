// A Kysely dialect over PGlite: Postgres SQL, one in-process connection shared with pg-boss.
import type { PGlite, Transaction } from '@electric-sql/pglite';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * Why our own few lines rather than a package: the published PGlite dialects declare PGlite ≤ 0.4
 * as their peer, or pull a code generator's CLI in with them.
 *
 * PGlite has one session. Its own `transaction()` holds that session exclusively until the
 * callback ends, and every other `query`/`exec` on the instance (Kysely's or pg-boss's) waits for
 * it; so a Kysely transaction is run inside one, and nothing else's statements can land in it.
 */
export class PGliteDialect implements Dialect {
  readonly #pglite: PGlite;

  constructor(pglite: PGlite) {
    this.#pglite = pglite;
  }

  createDriver(): Driver {
    return new PGliteDriver(this.#pglite);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  // biome-ignore lint/suspicious/noExplicitAny: Kysely's Dialect interface is declared over Kysely<any>.
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}

class PGliteDriver implements Driver {
  readonly #pglite: PGlite;

  constructor(pglite: PGlite) {
    this.#pglite = pglite;
  }

  async init(): Promise<void> {
    await this.#pglite.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new PGliteConnection(this.#pglite);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    await (connection as PGliteConnection).begin(settings);
  }

  async commitTransaction(connection: DatabaseConnection) {
    await (connection as PGliteConnection).end(true);
  }

  async rollbackTransaction(connection: DatabaseConnection) {
    await (connection as PGliteConnection).end(false);
  }

  async releaseConnection(): Promise<void> {}

  // The instance belongs to whoever opened it (it is shared with pg-boss): closing is theirs.
  async destroy(): Promise<void> {}
}

const ROLLBACK = Symbol('rollback');

class PGliteConnection implements DatabaseConnection {
  readonly #pglite: PGlite;
  #tx: Transaction | undefined;
  #finish: ((commit: boolean) => void) | undefined;
  #settled: Promise<unknown> | undefined;

  constructor(pglite: PGlite) {
    this.#pglite = pglite;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const target = this.#tx ?? this.#pglite;
    const result = await target.query<R>(query.sql, [...query.parameters]);
    const affected = result.affectedRows;
    return {
      rows: result.rows,
      ...(affected !== undefined && result.command !== 'SELECT'
        ? { numAffectedRows: BigInt(affected) }
        : {}),
    };
  }

  // biome-ignore lint/correctness/useYield: PGlite has no cursors over its one session.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite does not stream query results');
  }

  /** Resolves once PGlite's session is ours, inside BEGIN. */
  async begin(settings: TransactionSettings): Promise<void> {
    if (this.#tx) throw new Error('A transaction is already open on this connection');
    const started = new Promise<Transaction>((resolve, reject) => {
      this.#settled = this.#pglite
        .transaction(async (tx) => {
          resolve(tx);
          const commit = await new Promise<boolean>((finish) => {
            this.#finish = finish;
          });
          if (!commit) throw ROLLBACK;
        })
        .catch((error: unknown) => {
          if (error !== ROLLBACK) {
            reject(error);
            throw error;
          }
        });
    });
    const tx = await started;
    const modes: string[] = [];
    if (settings.isolationLevel) modes.push(`isolation level ${settings.isolationLevel}`);
    if (settings.accessMode) modes.push(settings.accessMode);
    if (modes.length > 0) await tx.query(`set transaction ${modes.join(', ')}`);
    this.#tx = tx;
  }

  /** Commits (or rolls back) and gives PGlite's session back. */
  async end(commit: boolean): Promise<void> {
    const finish = this.#finish;
    const settled = this.#settled;
    this.#tx = undefined;
    this.#finish = undefined;
    this.#settled = undefined;
    if (!finish || !settled) throw new Error('No transaction is open on this connection');
    finish(commit);
    await settled;
  }
}
