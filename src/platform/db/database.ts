/** How a statement is run. */
export interface QueryOptions {
  /**
   * A hot statement whose text repeats: parsed and planned once per PostgreSQL connection (a
   * named prepared statement, ADR 0136) or once per embedded database, where it also runs as one
   * call instead of six (ADR 0145). Only for fixed texts, not for SQL built with a varying number
   * of values.
   */
  prepared?: boolean;
}

/** Anything that runs SQL: the database itself or an open transaction. */
export interface Queryable {
  /** Runs one parameterised statement ($1, $2…) and returns its rows. */
  query<T = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<T[]>;
  /** Runs several statements without parameters (migrations, resets). */
  exec(sql: string): Promise<void>;
}

/** The node's database, on either driver. */
export interface Database extends Queryable {
  /** Which driver is underneath. */
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Calls `handler` on every NOTIFY on `channel`: at once for a transaction of this process
   * (before its commit returns), as soon as a connection idles for other processes. It is also
   * called when a listening connection is lost, since a notification may have been missed.
   */
  listen(channel: string, handler: () => void): Promise<void>;
  /** Closes connections. */
  close(): Promise<void>;
}

/** Runs `work` in the given transaction, or opens one when none is given. */
export function inTransaction<T>(
  db: Database,
  tx: Queryable | undefined,
  work: (tx: Queryable) => Promise<T>,
): Promise<T> {
  return tx ? work(tx) : db.transaction(work);
}
